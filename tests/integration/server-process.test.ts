import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freePort, startProcess, temporaryDirectory, type RunningProcess } from '../support/processes';

const dataDir = temporaryDirectory('infra24-server-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Opens a raw WebSocket upgrade and returns the first line of the answer. */
function upgradeStatusLine(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
    });
    socket.once('data', (data) => {
      resolve(data.toString().split('\r\n')[0]);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('npm start: all processes on one port with the embedded database', () => {
  let server: RunningProcess;
  let baseUrl: string;

  beforeAll(async () => {
    assertBuilt();
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = startProcess('server.ts', ['all'], {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
    });
    await server.waitFor(/API reference/, 60_000);
  }, 120_000);
  afterAll(() => server?.stop());

  it('prints where it runs and how to get in', () => {
    expect(server.output()).toContain(`Infra24 is running at ${baseUrl}  (web + collab + worker)`);
    expect(server.output()).toMatch(new RegExp(`${baseUrl}/oolite\\s+i24_`));
  });

  it('serves the home page with the three demo organizations and their pages', async () => {
    const home = await (await fetch(`${baseUrl}/`)).text();
    for (const name of ['Oolite Arts', 'Bakehouse Art Complex', 'Locust Projects']) expect(home).toContain(name);
    const oolite = await fetch(`${baseUrl}/oolite`);
    expect(oolite.status).toBe(200);
    expect(await oolite.text()).toContain('Ceramics Kiln');
    expect((await fetch(`${baseUrl}/nowhere`)).status).toBe(404);
  });

  it('renders the public workshop pages once per moment for anonymous visitors, never shares signed-in ones', async () => {
    const first = await fetch(`${baseUrl}/oolite/workshops?tag=ceramics`);
    const second = await fetch(`${baseUrl}/oolite/workshops?tag=ceramics`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-page-cache')).toBe('miss');
    expect(second.headers.get('x-page-cache')).toBe('hit');
    expect(second.headers.get('content-type')).toContain('text/html');
    // The same page, but each response carries its own CSP nonce (ADR 026).
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');
    expect(withoutNonce(await second.text())).toBe(withoutNonce(await first.text()));
    const signedIn = await fetch(`${baseUrl}/oolite/workshops?tag=ceramics`, {
      headers: { cookie: 'infra24_session=abc' },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('x-page-cache')).toBeNull();
    expect((await fetch(`${baseUrl}/nowhere/workshops`)).status).toBe(404);
  });

  it('answers the API with the key printed at start-up', async () => {
    const key = server.output().match(new RegExp(`${baseUrl}/bakehouse\\s+(i24_\\S+)`))![1];
    const response = await fetch(`${baseUrl}/api/v1/orgs/bakehouse/resources`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.resources.map((r: { title: string }) => r.title)).toContain('Laser Cutter');
    expect(
      (await fetch(`${baseUrl}/api/v1/orgs/oolite/resources`, { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(403);
  });

  it('answers the probes and owns the /collab upgrade', async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toEqual({ status: 'ready' });
    // The socket is accepted; who may open which document is decided by the first message (tests/integration/collab.test.ts).
    expect(await upgradeStatusLine(Number(new URL(baseUrl).port), '/collab')).toBe('HTTP/1.1 101 Switching Protocols');
  });

  it('drains and exits 0 on SIGTERM, releasing the embedded database', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('stopped');
    expect(fs.existsSync(`${dataDir}/infra24.lock`)).toBe(false);
  });
});

describe('each process alone', () => {
  // Web and collab apart need to find each other (ADR 013); tests/integration/collab-apart.test.ts runs them together.
  const apart = {
    COLLAB_URL: 'ws://127.0.0.1:9/collab',
    COLLAB_SERVICE_TOKEN: 'a-service-token-for-tests-0123456789abcdef',
  };
  for (const role of ['web', 'collab', 'worker']) {
    it(`starts and stops "${role}" cleanly`, async () => {
      const port = await freePort();
      const alone = startProcess('server.ts', [role], {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        PORT: String(port),
        DEMO: '0',
        ...apart,
      });
      await alone.waitFor(/API reference/, 60_000);
      expect(alone.output()).toContain(`(${role})`);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await alone.stop('SIGINT')).toBe(0);
    }, 90_000);
  }
});
