/**
 * Outbox delivery: 10,000 events through 1 and then 2 worker processes to a loopback webhook receiver.
 *
 * A producer commits events in small transactions at a steady rate (as bookings would); the receiver
 * notes when each id arrives. Reports events/s (events ÷ time from first commit to last delivery) and
 * the commit-to-delivery lag p50/p95 per run, then `RESULT {json}`.
 *
 *   npx tsx bench/outbox.ts [--events 10000] [--rate 2000] [--batch 20]
 *
 * Exits 1 if an event is never delivered, or the 2-worker run misses the target (≥ 1,000 events/s, p95 lag < 1 s).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createOrganization } from '../db/operations/accounts/organizations';
import { parseWebhookAllowList } from '../core/webhook-addresses';
import { createWebhookEndpoint } from '../db/operations/integrations/webhook-endpoints';
import { integrationOutbox } from '../db/schema/index';
import { Cleanup } from './lib/cleanup';
import { createBenchDatabase } from './lib/database';
import { printResult } from './lib/result';
import { percentile, round } from './lib/stats';
import { runBench } from './lib/run';
import { startServer } from './lib/server-process';

const BENCH = 'outbox';
const TARGET_EVENTS_PER_SECOND = 1_000;
const TARGET_P95_LAG_MS = 1_000;

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '20' },
  },
});
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const BATCH = Number(args.batch);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CRM: answers 200 at once and remembers when each event id first arrived. */
async function startReceiver() {
  const arrivals = new Map<string, number>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      const id = req.headers['x-infra24-event-id'] as string;
      if (!arrivals.has(id)) arrivals.set(id, performance.now());
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    arrivals,
    requests: () => requests,
    reset: () => {
      arrivals.clear();
      requests = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<number> {
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    const database = await createBenchDatabase();
    cleanup.add('drop the bench database', () => database.drop());
    const receiver = await startReceiver();
    cleanup.add('stop the receiver', () => receiver.close());
    const { db } = database.handle;
    const org = await createOrganization(db, { slug: 'bench', name: 'Bench Arts', timeZone: 'America/New_York' });
    await createWebhookEndpoint(db, {
      allowedHosts: parseWebhookAllowList(['127.0.0.1']),
      orgId: org.id,
      url: receiver.url,
      secret: 'bench-secret-0123456789',
      topics: [],
    });

    const runs: Record<string, unknown>[] = [];
    for (const workerCount of [1, 2]) {
      await db.execute(sql`truncate integration_outbox`);
      receiver.reset();
      const workers = await Promise.all(
        Array.from({ length: workerCount }, (_, n) =>
          startServer({
            databaseUrl: database.url,
            processes: 'worker',
            label: `worker ${n + 1}/${workerCount}`,
            env: {
              WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
              DATABASE_POOL_SIZE: '10',
              OUTBOX_CONCURRENCY: process.env.OUTBOX_CONCURRENCY ?? '128',
            },
          }),
        ),
      );
      cleanup.add(`stop ${workerCount} worker(s)`, () =>
        Promise.all(workers.map((w) => w.stop())).then(() => undefined),
      );

      // The producer: BATCH events per transaction, paced to RATE events/s; the commit instant is noted per id.
      const committedAt = new Map<string, number>();
      const started = performance.now();
      for (let sent = 0; sent < EVENTS; sent += BATCH) {
        const due = started + (sent / RATE) * 1000;
        if (due > performance.now()) await sleep(due - performance.now());
        const rows = await db
          .insert(integrationOutbox)
          .values(
            Array.from({ length: Math.min(BATCH, EVENTS - sent) }, (_, n) => ({
              orgId: org.id,
              topic: 'booking.noted',
              payload: { n: sent + n },
            })),
          )
          .returning({ id: integrationOutbox.id });
        const at = performance.now();
        for (const row of rows) committedAt.set(row.id, at);
      }
      const deadline = performance.now() + 120_000;
      while (receiver.arrivals.size < EVENTS && performance.now() < deadline) await sleep(20);
      await Promise.all(workers.map((w) => w.stop()));

      const lags = [...committedAt]
        .filter(([id]) => receiver.arrivals.has(id))
        .map(([id, at]) => receiver.arrivals.get(id)! - at);
      const lastArrival = Math.max(...receiver.arrivals.values());
      const firstCommit = Math.min(...committedAt.values());
      const sortedLags = [...lags].sort((a, b) => a - b);
      const run = {
        workers: workerCount,
        events: EVENTS,
        delivered: receiver.arrivals.size,
        duplicates: receiver.requests() - receiver.arrivals.size,
        eventsPerSecond: round((receiver.arrivals.size / (lastArrival - firstCommit)) * 1000, 0),
        lagP50Ms: round(percentile(sortedLags, 50)),
        lagP95Ms: round(percentile(sortedLags, 95)),
      };
      console.log(
        `${workerCount} worker(s): ${run.eventsPerSecond} events/s, lag p50 ${run.lagP50Ms} ms, p95 ${run.lagP95Ms} ms, ${run.delivered}/${EVENTS} delivered`,
      );
      runs.push(run);
    }
    const [one, two] = runs as Array<{ delivered: number; eventsPerSecond: number; lagP95Ms: number }>;
    const complete = runs.every((r) => (r as { delivered: number }).delivered === EVENTS);
    const meetsTarget = two.eventsPerSecond >= TARGET_EVENTS_PER_SECOND && two.lagP95Ms < TARGET_P95_LAG_MS;
    printResult({
      bench: BENCH,
      producerRate: RATE,
      runs,
      target: { eventsPerSecond: TARGET_EVENTS_PER_SECOND, p95LagMs: TARGET_P95_LAG_MS },
      ok: complete && meetsTarget && one.delivered === EVENTS,
    });
    return complete && meetsTarget ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

runBench(main);
