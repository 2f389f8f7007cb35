import { and, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebhookAllowList } from '../../core/webhook-addresses';
import { createWebhookEndpoint } from '../../db/operations/integrations/webhook-endpoints';
import { integrationOutbox } from '../../db/schema/index';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys } from '../support/fixtures';
import { freePort, startProcess, type RunningProcess } from '../support/processes';
import { startReceiver } from '../support/receiver';

const EVENTS = 400;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(needsPostgres('outbox relay: a killed worker, parallel workers'))(
  'outbox relay across worker processes',
  () => {
    let database: TestDatabase;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const workers: RunningProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      // Slow enough that a batch is still in flight when the worker is killed, even when this process is
      // starved on a loaded machine: 400 events at 16 × 10/s take 2.5 s, the kill comes after 60.
      receiver = await startReceiver(() => ({ status: 200, delayMs: 100 }));
    });
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      await receiver?.close();
      await database?.close();
    });

    async function startWorkerProcess(): Promise<RunningProcess> {
      const worker = startProcess('server.ts', ['worker'], {
        DATABASE_URL: database.url!,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DEMO: '0',
        LOG_LEVEL: 'warn',
        OUTBOX_LEASE_MS: '2000',
        OUTBOX_CONCURRENCY: '16',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', // the loopback receiver
      });
      workers.push(worker);
      await worker.waitFor(/Infra24 is running/);
      return worker;
    }

    it('delivers every event after a worker is SIGKILLed mid-batch, never one row twice at the same time', async () => {
      const { db } = database;
      const { org } = await createOrgWithKeys(db, 'crash-org');
      await createWebhookEndpoint(db, {
        orgId: org.id,
        url: `${receiver.url}/crm`,
        secret: 'crm-secret',
        topics: [],
        allowedHosts: parseWebhookAllowList(['127.0.0.1']),
      });
      // A public topic with no email: each event is exactly one webhook POST.
      await db
        .insert(integrationOutbox)
        .values(Array.from({ length: EVENTS }, (_, n) => ({ orgId: org.id, topic: 'booking.noted', payload: { n } })));

      const doomed = await startWorkerProcess();
      await waitUntil(async () => receiver.received.length >= 60, 30_000, 'the first deliveries');
      doomed.child.kill('SIGKILL');
      await doomed.stop('SIGKILL');
      const orphaned = await db
        .select({ id: integrationOutbox.id })
        .from(integrationOutbox)
        .where(and(isNotNull(integrationOutbox.claimedBy), isNull(integrationOutbox.deliveredAt)));
      expect(orphaned.length).toBeGreaterThan(0); // it died holding claimed rows

      await Promise.all([startWorkerProcess(), startWorkerProcess()]);
      await waitUntil(
        async () => {
          const [{ left }] = (
            await db.execute(sql`select count(*)::int as "left" from integration_outbox where delivered_at is null`)
          ).rows as { left: number }[];
          return left === 0;
        },
        60_000,
        'every event to be delivered',
      );

      const ids = (await db.select({ id: integrationOutbox.id }).from(integrationOutbox)).map((r) => r.id);
      const seen = receiver.received.map((r) => r.headers['x-infra24-event-id'] as string);
      expect(new Set(seen)).toEqual(new Set(ids)); // at least once each, and nothing else
      expect(new Set(seen).size).toBe(EVENTS); // deduplicated by id: exactly once
      // Repeats can only be rows the killed worker held: the others were never delivered twice.
      const orphanIds = new Set(orphaned.map((r) => r.id));
      const repeats = seen.filter((id, index) => seen.indexOf(id) !== index);
      expect(repeats.every((id) => orphanIds.has(id))).toBe(true);
      expect(receiver.overlaps).toEqual([]);
      const stillClaimed = await db
        .select({ id: integrationOutbox.id })
        .from(integrationOutbox)
        .where(isNotNull(integrationOutbox.claimedBy));
      expect(stillClaimed).toEqual([]);
    });

    it('releases the rows it claimed when stopped with SIGTERM', async () => {
      const { db } = database;
      const [org] = (await db.execute(sql`select id from organizations where slug = 'crash-org'`)).rows as {
        id: string;
      }[];
      receiver.setReply(() => ({ status: 200, delayMs: 200 }));
      const before = receiver.received.length;
      await db
        .insert(integrationOutbox)
        .values(Array.from({ length: 50 }, (_, n) => ({ orgId: org.id, topic: 'booking.noted', payload: { n } })));
      await waitUntil(async () => receiver.received.length > before, 10_000, 'deliveries to start');
      await Promise.all(workers.filter((w) => w.child.exitCode === null).map((w) => w.stop('SIGTERM')));
      const claimed = await db
        .select({ id: integrationOutbox.id })
        .from(integrationOutbox)
        .where(isNotNull(integrationOutbox.claimedBy));
      expect(claimed).toEqual([]);
    });
  },
);
