import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource } from '../support/fixtures';
import { withAdminClient } from '../support/postgres';
import { assertBuilt, freePort, startProcess, type RunningProcess } from '../support/processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(needsPostgres('database faults'))('the server under database faults (PostgreSQL)', () => {
  let database: TestDatabase;
  let server: RunningProcess;
  let baseUrl: string;
  let key: string;
  let databaseName: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase({ maxConnections: 2 });
    databaseName = new URL(database.url!).pathname.slice(1);
    const { org, adminKey } = await createOrgWithKeys(database.db, 'faults');
    await createTestResource(database.db, org.id);
    key = adminKey;
    await database.pool?.end(); // the database stays for the server; afterAll drops it
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = startProcess('server.ts', ['all'], {
      DATABASE_URL: database.url!,
      DATABASE_POOL_SIZE: '4',
      DEMO: '0',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
    });
    await server.waitFor(/API reference/, 60_000);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await withAdminClient((admin) => admin.query(`drop database if exists ${databaseName} with (force)`));
  });

  const api = (path: string) =>
    fetch(`${baseUrl}/api/v1/orgs/faults${path}`, { headers: { authorization: `Bearer ${key}` } });

  async function timed(request: () => Promise<Response>) {
    const started = Date.now();
    const response = await request();
    const body = await response.text();
    return { status: response.status, ms: Date.now() - started, response, body };
  }

  it('stays up while its connections are terminated under load, answering only 503 meanwhile, and recovers by itself', async () => {
    let loading = true;
    const statuses = new Map<number, number>();
    const unavailable: { retryAfter: string | null; body: string }[] = [];
    const load = async (path: () => Promise<Response>) => {
      while (loading) {
        const answer = await path().catch(() => undefined);
        if (!answer) {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
          continue;
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const body = await answer.text();
        if (answer.status === 503) unavailable.push({ retryAfter: answer.headers.get('retry-after'), body });
      }
    };
    const clients = [
      ...Array.from({ length: 6 }, () => load(() => api('/resources'))),
      load(() => api('/bookings')),
      load(() => fetch(`${baseUrl}/faults`)),
      load(() => fetch(`${baseUrl}/readyz`)),
    ];
    for (let round = 0; round < 12; round++) {
      await withAdminClient((admin) =>
        admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [databaseName]),
      );
      await sleep(400);
    }
    loading = false;
    await Promise.all(clients);

    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/Unhandled 'error' event/);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    for (const answer of unavailable) expect(answer.retryAfter).toBe('5');
    const apiOutage = unavailable.find((answer) => answer.body.startsWith('{'));
    if (apiOutage) expect(JSON.parse(apiOutage.body).error.code).toBe('database_unavailable');

    // Nobody restarts it: the next requests are served again.
    await sleep(500);
    expect((await timed(() => api('/resources'))).status).toBe(200);
    expect((await timed(() => api('/bookings'))).status).toBe(200);
    expect((await timed(() => fetch(`${baseUrl}/readyz`))).status).toBe(200);
    // The worker, whose connections (LISTEN included) were terminated too, still sends mail.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `insert into integration_outbox (org_id, topic, payload) values (null, 'account.magic_link', $1::jsonb)`,
        [
          JSON.stringify({
            email: 'after@faults.example',
            name: 'After',
            url: `${baseUrl}/magic-link/x`,
            expiresAt: '2026-03-02T16:00:00Z',
          }),
        ],
      );
      let sent = 0;
      for (let waited = 0; waited < 10_000 && sent === 0; waited += 100) {
        await sleep(100);
        const rows = await client.query(`select 1 from email_messages where to_address = 'after@faults.example'`);
        sent = rows.rowCount ?? 0;
      }
      expect(sent).toBe(1);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('keeps answering while the bookings table is locked: /readyz at once, bookings with 503 after the lock timeout', async () => {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table bookings in access exclusive mode');
    try {
      // More requests for the locked table than the server has connections.
      const stuck = Array.from({ length: 8 }, () => timed(() => api('/bookings')));
      await sleep(300);
      const ready = await timed(() => fetch(`${baseUrl}/readyz`));
      const health = await timed(() => fetch(`${baseUrl}/healthz`));
      const other = await timed(() => api('/resources'));
      expect([ready.status, ready.ms < 1_200]).toEqual([200, true]);
      expect([health.status, health.ms < 500]).toEqual([200, true]);
      // Served, or told at once (the pool's acquire timeout) that the database is busy.
      expect([200, 503]).toContain(other.status);
      expect(other.ms).toBeLessThan(3_000);
      const bookings = await Promise.all(stuck);
      for (const answer of bookings) {
        expect(answer.status).toBe(503);
        expect(answer.ms).toBeLessThan(12_000);
        expect(answer.response.headers.get('retry-after')).toBe('5');
        expect(JSON.parse(answer.body).error.code).toBe('database_unavailable');
      }
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }
    expect((await timed(() => api('/bookings'))).status).toBe(200);
  }, 60_000);

  it('answers a page that needs a locked table with the 503 error page, naming the cause', async () => {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table organizations in access exclusive mode');
    try {
      const page = await timed(() => fetch(`${baseUrl}/faults`));
      expect(page.status).toBe(503);
      expect(page.response.headers.get('retry-after')).toBe('5');
      expect(page.response.headers.get('content-type')).toContain('text/html');
      expect(page.body).toContain('The database is unavailable or too slow right now');
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }
    expect((await timed(() => fetch(`${baseUrl}/faults`))).status).toBe(200);
  }, 30_000);
});
