import { parse } from 'cookie';

/** The session cookie's name, shared by the web pages (which set it) and the collab server (which reads it). */
export const SESSION_COOKIE = 'infra24_session';

/**
 * How long a long-lived connection (collab, live events) trusts its last check of the session and
 * role before the next message checks again: a sign-out or demotion takes effect within this time.
 */
export const SESSION_RECHECK_MS = 2_000;

/** The session token in a Cookie header, in the encoding Remix gives it (base64 of JSON, unsigned). */
export function sessionTokenFromCookieHeader(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const raw = parse(header)[SESSION_COOKIE];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(atob(raw));
    return typeof value === 'string' && value ? value : undefined;
  } catch {
    return undefined;
  }
}
