import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { errorResponse } from './errors';
import { MAX_BODY_BYTES, readRequestBody } from './request-body';

let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.use('*', readRequestBody());
  app.post('/echo', async (c) => c.json({ text: await c.req.text(), json: await c.req.json() }));
  app.onError((error, c) => (error instanceof AppError ? errorResponse(c, error) : c.json({}, 500)));
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A POST of `chunks` with or without a declared length (without: chunked), answered as status and error code. */
function post(chunks: string[], declareLength: boolean): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/echo',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(declareLength ? { 'content-length': length } : {}) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(error)));
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe('reading a request body once', () => {
  it('leaves the text where the routes read it, declared or chunked', async () => {
    for (const declared of [true, false]) {
      const answer = await post(['{"title":', '"Kiln"}'], declared);
      expect(answer).toEqual({ status: 200, body: { text: '{"title":"Kiln"}', json: { title: 'Kiln' } } });
    }
  });

  it('refuses a body over the limit, from its declared length or while it streams', async () => {
    const big = 'x'.repeat(64 * 1024);
    const chunks = [`{"d":"`, ...Array.from({ length: MAX_BODY_BYTES / big.length + 1 }, () => big), '"}'];
    for (const declared of [true, false]) {
      const answer = await post(chunks, declared);
      expect([answer.status, answer.body.error.code, Object.keys(answer.body.error.fields)]).toEqual([
        413,
        'payload_too_large',
        ['body'],
      ]);
    }
  });

  it('refuses JSON nested too deep, naming the body', async () => {
    const answer = await post(['['.repeat(100) + ']'.repeat(100)], true);
    expect([answer.status, answer.body.error.fields.body[0]]).toEqual([422, expect.stringContaining('levels deep')]);
  });
});
