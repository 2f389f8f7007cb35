import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { assertBuilt, freePort, startProcess, type RunningProcess } from '../support/processes';

const TOKEN = 'metrics-token-0123456789abcdef';

describe.skipIf(needsPostgres('tests/integration/metrics.test.ts (/metrics of a real server on PostgreSQL)'))(
  '/metrics',
  () => {
    let database: TestDatabase;
    const servers: RunningProcess[] = [];

    async function start(env: Record<string, string>): Promise<string> {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const server = startProcess('server.ts', ['all'], {
        DATABASE_URL: database.url!,
        DEMO: '1',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        PUBLIC_URL: url,
        ...env,
      });
      servers.push(server);
      await server.waitFor(/API reference/, 60_000);
      return url;
    }

    beforeAll(async () => {
      assertBuilt();
      database = await createTestDatabase();
    }, 60_000);
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await database?.close();
    });

    it('does not exist unless METRICS_TOKEN is set', async () => {
      const url = await start({ METRICS_TOKEN: '' });
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
    });

    it('answers only the token, in Prometheus format, with requests, pool, outbox, collab and sockets', async () => {
      const url = await start({ METRICS_TOKEN: TOKEN });
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
      ).toBe(401);
      expect((await fetch(`${url}/oolite/workshops`)).status).toBe(200);

      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(
        /infra24_http_request_duration_seconds_count\{method="GET",route="\/:org\/workshops",status="200"\} 1/,
      );
      expect(text).toMatch(/infra24_db_pool_connections\{state="total"\} \d+/);
      expect(text).toMatch(/infra24_outbox_events\{state="due"\} \d+/);
      expect(text).toMatch(/infra24_outbox_delivery_lag_seconds \d/);
      expect(text).toMatch(/infra24_collab_documents 0/);
      expect(text).toMatch(/infra24_socket_connections 0/);
      expect(text).toMatch(/infra24_process_resident_memory_bytes \d+/);
    });
  },
);
