import { createCookie, redirect, type AppLoadContext } from '@remix-run/node';
import { SESSION_COOKIE } from '../core/session-cookie';
import { createSession, deleteSession, findSessionUser } from '../db/operations/accounts/auth-sessions';
import type { User } from '../db/operations/accounts/users';

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

export async function getUser(request: Request, context: AppLoadContext): Promise<User | undefined> {
  const token = await sessionToken(request, context);
  return token ? findSessionUser(context.db, token) : undefined;
}

/** Only same-site relative paths: a sign-in link must never bounce people to another site. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return fallback;
  return value;
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
