import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../config/env';
import { securityHeaders } from '../../app/security-headers.server';

let server: http.Server | undefined;
afterEach(() => server?.close());

/** The headers one request gets from the middleware alone, under the given settings. */
async function headersUnder(env: Record<string, string>, host?: string): Promise<http.IncomingHttpHeaders> {
  const app = express();
  app.use(securityHeaders(parseConfig(env)));
  app.get('/', (_req, res) => void res.send('ok'));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers: host ? { host } : {} }, (response) => {
        response.resume();
        resolve(response.headers);
      })
      .on('error', reject);
  });
}

it('sends HSTS when PUBLIC_URL is https, and not otherwise', async () => {
  expect((await headersUnder({ PUBLIC_URL: 'https://book.example.org' }))['strict-transport-security']).toBe(
    'max-age=31536000; includeSubDomains',
  );
  server?.close();
  expect((await headersUnder({ PUBLIC_URL: 'http://localhost:3000' }))['strict-transport-security']).toBeUndefined();
});

it('loosens scripts for Vite only in development', async () => {
  const production = (await headersUnder({ PUBLIC_URL: 'http://localhost:3000' }))['content-security-policy'];
  expect(production).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';/);
  server?.close();
  const development = (await headersUnder({ PUBLIC_URL: 'http://localhost:3000', NODE_ENV: 'development' }))[
    'content-security-policy'
  ];
  expect(development).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
});

it('lets WebSockets reach the page host and COLLAB_PUBLIC_URL, and copies no hostile Host header', async () => {
  const csp = (
    await headersUnder(
      { PUBLIC_URL: 'https://book.example.org', COLLAB_PUBLIC_URL: 'wss://collab.example.org/collab' },
      'book.example.org',
    )
  )['content-security-policy'] as string;
  expect(csp).toContain("connect-src 'self' ws://book.example.org wss://book.example.org wss://collab.example.org;");
  server?.close();
  const hostile = (await headersUnder({ PUBLIC_URL: 'http://localhost:3000' }, "evil; script-src 'unsafe-inline'"))[
    'content-security-policy'
  ] as string;
  expect(hostile).not.toContain('evil');
  expect(hostile).toContain("connect-src 'self';");
});
