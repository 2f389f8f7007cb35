import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth';

/** Bodies are small JSON documents; anything bigger is refused before it is read whole. */
export const MAX_BODY_BYTES = 256 * 1024;

const tooLarge = () =>
  new AppError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, {
    fields: { body: [`must be at most ${MAX_BODY_BYTES / 1024} KiB`] },
  });

/** The bytes of `source`, or undefined as soon as they pass `limit` (the rest is left unread). */
async function collectUpTo(source: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads a request's body once, before any route sees it: at most MAX_BODY_BYTES (a 413 naming
 * `body` beyond that, refused from its declared length when it has one), and JSON no deeper than
 * MAX_JSON_DEPTH (a 422 naming `body`). The text is left where `c.req.text()` and `c.req.json()`
 * find it. On Node's HTTP server the bytes come straight from Node's request, so no web Request is
 * built for a call (ADR 039).
 */
export function readRequestBody(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    // Node's request and a web ReadableStream are both async iterables of bytes here.
    const source = (incoming ?? c.req.raw.body) as AsyncIterable<Uint8Array> | null;
    const body =
      declared > MAX_BODY_BYTES ? undefined : source ? await collectUpTo(source, MAX_BODY_BYTES) : Buffer.alloc(0);
    if (!body) {
      // The rest of the body is never read: the connection cannot be reused for another request.
      c.header('Connection', 'close');
      throw tooLarge();
    }
    const text = body.toString('utf8');
    // Hono keeps promises in its body cache (its type says the value): text() and json() read this one.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    if (/json/i.test(c.req.header('content-type') ?? '') && jsonDepth(text) > MAX_JSON_DEPTH) {
      const message = `must not nest arrays and objects more than ${MAX_JSON_DEPTH} levels deep`;
      throw new AppError('validation', `body: ${message}`, { fields: { body: [message] } });
    }
    await next();
  };
}
