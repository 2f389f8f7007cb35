import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  freePort,
  runProcess,
  startProcess,
  temporaryDirectory,
  type RunningProcess,
} from '../support/processes';

const dataDirs: string[] = [];
const servers: RunningProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The whole app on its own embedded database, with at most two registrations per client address an hour. */
async function start(trustProxy: string): Promise<string> {
  assertBuilt();
  const dataDir = temporaryDirectory('infra24-proxy-');
  dataDirs.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startProcess('server.ts', ['all'], {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: trustProxy,
    REGISTRATIONS_PER_IP_PER_HOUR: '2',
  });
  servers.push(server);
  await server.waitFor(/API reference/, 90_000);
  return url;
}

async function openSession(url: string): Promise<string> {
  const { workshops } = await (await fetch(`${url}/api/v1/orgs/oolite/workshops`)).json();
  return workshops
    .flatMap((w: { sessions: { id: string; seatsLeft: number }[] }) => w.sessions)
    .find((s: { seatsLeft: number }) => s.seatsLeft > 5).id;
}

let people = 0;
async function register(url: string, sessionId: string, forwardedFor: string): Promise<number> {
  people += 1;
  const response = await fetch(`${url}/api/v1/orgs/oolite/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ name: `Person ${people}`, email: `person${people}@example.org` }),
  });
  return response.status;
}

describe('the client address behind a proxy', () => {
  it('follows X-Forwarded-For with TRUST_PROXY=1, so one visitor reaching the limit does not stop another', async () => {
    const url = await start('1');
    const sessionId = await openSession(url);
    expect([
      await register(url, sessionId, '198.51.100.1'),
      await register(url, sessionId, '198.51.100.1'),
      await register(url, sessionId, '198.51.100.1'),
    ]).toEqual([201, 201, 429]);
    expect(await register(url, sessionId, '198.51.100.2')).toBe(201);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a forged header changes nothing', async () => {
    const url = await start('');
    const sessionId = await openSession(url);
    expect([
      await register(url, sessionId, '198.51.100.1'),
      await register(url, sessionId, '198.51.100.2'),
      await register(url, sessionId, '198.51.100.3'),
    ]).toEqual([201, 201, 429]);
  });

  it('stops at start-up naming TRUST_PROXY when it cannot be read', async () => {
    const result = await runProcess('server.ts', ['web'], { TRUST_PROXY: 'proxy.example.org' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TRUST_PROXY');
  });
});
