import { createCookie, redirect, type AppLoadContext } from '@remix-run/node';
import { SESSION_COOKIE } from '../db/operations/accounts/session-cookie';
import { createSession, deleteSession, findSessionUser } from '../db/operations/accounts/auth-sessions';
import type { User } from '../db/operations/accounts/users';
import { oncePerPageRequest } from './request-memo.server';

const SESSION_MAX_AGE_SECONDS = 30 * 86_400;

/** Secure whenever the site is served over https (PUBLIC_URL), so plain-http localhost still works. */
function sessionCookie(context: AppLoadContext) {
  return createCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: context.config.publicUrl.startsWith('https://'),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

async function sessionToken(request: Request, context: AppLoadContext): Promise<string | undefined> {
  const value = await sessionCookie(context).parse(request.headers.get('cookie'));
  return typeof value === 'string' ? value : undefined;
}

/** Who is signed in, read once per page request however many loaders ask (oncePerPageRequest). */
export function getUser(request: Request, context: AppLoadContext): Promise<User | undefined> {
  return oncePerPageRequest(request, 'user', async () => {
    const token = await sessionToken(request, context);
    return token ? findSessionUser(context.db, token) : undefined;
  });
}

/** Never in a redirect target: browsers drop tabs and newlines from URLs, and treat a backslash as a slash. */
function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || value[i] === '\\') return true;
  }
  return false;
}

const SAME_ORIGIN = 'http://same-origin.invalid';

/**
 * The one reading of every `redirectTo`: a path on this site, as a browser would resolve it, or
 * `fallback`. Parsing first matters: "/\t/evil.example" and "/.//evil.example" look like paths but
 * a browser goes to another host with them.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || hasUnsafeCharacter(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SAME_ORIGIN);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === SAME_ORIGIN && !path.startsWith('//') ? path : fallback;
}

export async function signInAndRedirect(
  context: AppLoadContext,
  userId: string,
  redirectTo: string,
): Promise<Response> {
  const { token } = await createSession(context.db, userId);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie(context).serialize(token) } });
}

export async function signOutAndRedirect(
  request: Request,
  context: AppLoadContext,
  redirectTo = '/',
): Promise<Response> {
  const token = await sessionToken(request, context);
  if (token) await deleteSession(context.db, token);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie(context).serialize('', { maxAge: 0 }) } });
}
