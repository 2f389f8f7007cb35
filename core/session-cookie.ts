import { parse } from 'cookie';

/** The session cookie's name, shared by the web pages (which set it) and the collab server (which reads it). */
export const SESSION_COOKIE = 'infra24_session';

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
