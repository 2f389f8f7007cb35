import { randomBytes } from 'node:crypto';
import { createCookie, redirect, type AppLoadContext } from '@remix-run/node';
import { FLASH_COOKIE, type Flash } from './flash';

/** One secret per process when COOKIE_SECRET is unset: enough for a single web process (ADR 033). */
const PROCESS_SECRET = randomBytes(32).toString('hex');
const MAX_MESSAGE = 300;

function flashCookie(context: AppLoadContext) {
  const secrets = context.config.COOKIE_SECRET ?? [PROCESS_SECRET];
  return createCookie(FLASH_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: context.config.publicUrl.startsWith('https://'),
    // Read on the very next page; a message older than this is stale.
    maxAge: 60,
    secrets,
  });
}

function isFlash(value: unknown): value is Flash {
  if (!value || typeof value !== 'object') return false;
  const flash = value as Record<string, unknown>;
  return (
    (flash.kind === 'success' || flash.kind === 'info' || flash.kind === 'error') &&
    typeof flash.message === 'string' &&
    typeof flash.id === 'string' &&
    (flash.description === undefined || typeof flash.description === 'string')
  );
}

/** The Set-Cookie value that carries `flash` to the next page the browser opens. */
export async function flashHeader(context: AppLoadContext, flash: Omit<Flash, 'id'>): Promise<string> {
  const value: Flash = {
    kind: flash.kind,
    message: flash.message.slice(0, MAX_MESSAGE),
    ...(flash.description ? { description: flash.description.slice(0, MAX_MESSAGE) } : {}),
    id: randomBytes(6).toString('hex'),
  };
  return flashCookie(context).serialize(value);
}

/**
 * An action's redirect that says what it did: the next page shows `message` as a toast.
 *   return redirectWithFlash(context, `/${org.slug}/admin/bookings`, { message: 'Approved — Ana was emailed.' });
 */
export async function redirectWithFlash(
  context: AppLoadContext,
  to: string,
  flash: { message: string; description?: string; kind?: Flash['kind'] },
  init: ResponseInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append('Set-Cookie', await flashHeader(context, { kind: flash.kind ?? 'success', ...flash }));
  return redirect(to, { ...init, headers });
}

/**
 * The message waiting for this request, if any, and the header that spends it (the root loader
 * reads it for every page). A cookie not signed by us is ignored.
 */
export async function takeFlash(
  request: Request,
  context: AppLoadContext,
): Promise<{ flash: Flash | null; headers: Headers }> {
  const headers = new Headers();
  const cookieHeader = request.headers.get('cookie');
  if (!cookieHeader?.includes(`${FLASH_COOKIE}=`)) return { flash: null, headers };
  const cookie = flashCookie(context);
  const value = await cookie.parse(cookieHeader);
  headers.append('Set-Cookie', await cookie.serialize('', { maxAge: 0 }));
  return { flash: isFlash(value) ? value : null, headers };
}
