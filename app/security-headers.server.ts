import { randomBytes } from 'node:crypto';
import type express from 'express';
import type { Config } from '../config/env';

/**
 * Stands for the nonce in a page rendered for the page cache: each visitor served it gets a fresh nonce
 * in its place (`withNonce`). As long as a real nonce (16 bytes in base64), so lengths stay true.
 */
export const CACHED_PAGE_NONCE = 'cachedPageNonce000000000';

/** Everything a page or the API may do in a browser, and no more (ADR 026). */
export function contentSecurityPolicy(options: {
  nonce: string;
  development: boolean;
  /** The page's own host (from the Host header): WebSockets to it (/collab, /socket.io). */
  host?: string;
  /** COLLAB_PUBLIC_URL, when the collab process is reached at another address. */
  collabPublicUrl?: string;
}): string {
  const sockets = options.host ? [`ws://${options.host}`, `wss://${options.host}`] : [];
  const collab = options.collabPublicUrl ? [new URL(options.collabPublicUrl).origin] : [];
  // Vite's dev server runs inline module scripts and evaluates updates; only there are scripts loosened.
  const scripts = options.development
    ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    : ["'self'", `'nonce-${options.nonce}'`];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': scripts,
    // Inline style attributes are how the calendars and the timeline place their blocks, and the editors inject styles.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...sockets, ...collab, ...(options.development ? ['ws:', 'wss:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** No feature a scheduling board needs; the rest is refused for the page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

const HSTS = 'max-age=31536000; includeSubDomains';

/** A Host header is the client's to write: only a plain host[:port] may go into the policy. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Sets the security headers on every response express answers (pages and static files; the API has
 * `apiSecurityHeaders`) and
 * gives the request its CSP nonce in `res.locals.cspNonce`, for the page render (entry.server.tsx).
 */
export function securityHeaders(config: Config): express.RequestHandler {
  const development = config.NODE_ENV === 'development';
  const https = new URL(config.publicUrl).protocol === 'https:';
  return (req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    const host = req.headers.host && PLAIN_HOST.test(req.headers.host) ? req.headers.host : undefined;
    res.setHeader(
      'Content-Security-Policy',
      contentSecurityPolicy({ nonce, development, host, collabPublicUrl: config.COLLAB_PUBLIC_URL }),
    );
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    if (https) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
}

/**
 * The same protections for the JSON API, worked out once: an answer that is data, never a page, may
 * load nothing and be framed by no one, so its policy needs no nonce (ADR 039).
 */
export function apiSecurityHeaders(config: Config): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
  ];
  if (new URL(config.publicUrl).protocol === 'https:') headers.push(['Strict-Transport-Security', HSTS]);
  return headers;
}

/** The request's nonce, set by `securityHeaders`. */
export function cspNonceOf(res: express.Response): string {
  return res.locals.cspNonce as string;
}

/** A cached page made this visitor's: the stand-in nonce replaced by the one in this response's policy. */
export function withNonce(body: Buffer, nonce: string): Buffer {
  const html = body.toString('utf8');
  return html.includes(CACHED_PAGE_NONCE) ? Buffer.from(html.replaceAll(CACHED_PAGE_NONCE, nonce), 'utf8') : body;
}
