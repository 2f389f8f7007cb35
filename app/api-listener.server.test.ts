import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { apiListener, type ApiEdge } from './api-listener.server';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A small Hono app behind the real edge, on a loopback port; log lines are collected as objects. */
async function serve(options: Partial<ApiEdge> & { level?: string }) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = new Hono<{ Bindings: { incoming: http.IncomingMessage & { ip: string } } }>();
  app.get('/api/v1/ip', (c) => c.json({ ip: c.env.incoming.ip }));
  app.get('/api/v1/fails', () => {
    throw new Error('broken');
  });
  app.onError((_error, c) => c.json({ error: 'broken' }, 500));
  let tracked = 0;
  const listener = apiListener({
    fetch: app.fetch,
    logger: pino({ level: options.level ?? 'info' }, sink),
    headers: options.headers ?? [['X-Content-Type-Options', 'nosniff']],
    trustProxy: options.trustProxy ?? false,
    track: (handler) => (req, res) => {
      tracked++;
      return handler(req, res);
    },
  });
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, lines, tracked: () => tracked };
}

describe('the API edge', () => {
  it('gives every answer its request id and headers, and logs one line per request at info', async () => {
    const api = await serve({});
    const given = await fetch(`${api.url}/api/v1/ip`, { headers: { 'x-request-id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    expect(given.headers.get('x-content-type-options')).toBe('nosniff');
    const fresh = await fetch(`${api.url}/api/v1/ip`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${api.url}/api/v1/fails`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.lines.map((l) => [l.msg, l.statusCode, l.level])).toEqual([
      ['request completed', 200, 30],
      ['request completed', 200, 30],
      ['request errored', 500, 50],
    ]);
    expect(api.lines[0]).toMatchObject({ reqId: 'req-123', method: 'GET', url: '/api/v1/ip', clientIp: '127.0.0.1' });
    expect(api.tracked()).toBe(3);
  });

  it('logs only failures above info', async () => {
    const api = await serve({ level: 'warn' });
    await fetch(`${api.url}/api/v1/ip`);
    await fetch(`${api.url}/api/v1/fails`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.lines.map((l) => l.msg)).toEqual(['request errored']);
  });

  it('believes X-Forwarded-For only as far as the trust setting says', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    const untrusting = await serve({ trustProxy: false });
    expect(await (await fetch(`${untrusting.url}/api/v1/ip`, { headers: forwarded })).json()).toEqual({
      ip: '127.0.0.1',
    });
    const oneHop = await serve({ trustProxy: 1 });
    expect(await (await fetch(`${oneHop.url}/api/v1/ip`, { headers: forwarded })).json()).toEqual({
      ip: '203.0.113.7',
    });
    const listed = await serve({ trustProxy: ['10.0.0.0/8'] });
    expect(await (await fetch(`${listed.url}/api/v1/ip`, { headers: forwarded })).json()).toEqual({
      ip: '127.0.0.1',
    });
  });
});
