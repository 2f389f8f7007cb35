import type express from 'express';

/** Page forms are small; anything bigger is refused before it is read, as the API does (ADR 024). */
export const MAX_PAGE_BODY_BYTES = 256 * 1024;
/** File uploads (multipart forms) may be larger, but are still bounded. */
export const MAX_UPLOAD_BODY_BYTES = 5 * 1024 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(res: express.Response, status: number, message: string): void {
  // The body is never read: the connection cannot carry another request.
  res.status(status).set('Connection', 'close').type('text/plain').send(message);
}

/**
 * Refuses a page body over its limit from its Content-Length, before reading it. A body without a
 * length (chunked) is refused too: browsers always send the length of a form, and counting a
 * stream the page handler reads itself would need a copy of it.
 */
export function limitPageBodies(): express.RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const upload = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
    const limit = upload ? MAX_UPLOAD_BODY_BYTES : MAX_PAGE_BODY_BYTES;
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      if (req.headers['transfer-encoding']) refuse(res, 411, 'Send the form with a Content-Length');
      else next();
      return;
    }
    if (Number(declared) > limit) refuse(res, 413, `The form is larger than ${limit / 1024} KiB`);
    else next();
  };
}

/**
 * A form posted from another site is refused with 403 here. Remix would refuse it too, but by
 * throwing, which answers 500; this is the same rule (Origin's host must be the request's host).
 */
export function refuseForeignOrigins(): express.RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    if (origin === undefined) {
      if (req.headers['sec-fetch-site'] === 'cross-site') refuse(res, 403, 'Cross-origin form posts are refused');
      else next();
      return;
    }
    const host = forwardedHostIfTrusted(req) || req.headers.host;
    if (host && originHost(origin) === host) next();
    else refuse(res, 403, 'Cross-origin form posts are refused');
  };
}

/** X-Forwarded-Host counts only from a proxy TRUST_PROXY trusts; anyone else could name any host in it. */
function forwardedHostIfTrusted(req: express.Request): string | undefined {
  const trusts = req.app.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
  if (!trusts?.(req.socket.remoteAddress ?? '', 0)) return undefined;
  return (req.headers['x-forwarded-host'] as string | undefined)?.split(',')[0]?.trim();
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
