import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { parseWebhookAllowList } from '../core/webhook-addresses';
import { createWebhookEndpoint } from '../db/operations/integrations/webhook-endpoints';
import { integrationOutbox } from '../db/schema/index';
import { createTestDatabase } from '../tests/support/database';
import { createOrgWithKeys } from '../tests/support/fixtures';
import { startReceiver, type Reply } from '../tests/support/receiver';
import { createDispatcher } from './dispatch';
import { createDevMailbox } from './mailer/dev-mailbox';
import { startRelay, type Relay } from './relay';

/** Each event's name → the answers the receiver gives it, attempt after attempt. */
const SCRIPT: Record<string, Array<'ok' | 500 | 429 | 'hang'>> = {
  flaky: [500, 'hang', 500, 'ok'],
  poison: [500, 500, 500, 500, 500],
  throttled: [429, 'ok'],
  fine1: ['ok'],
  fine2: ['ok'],
};

describe('outbox relay: retries, backoff and dead letters (injected clock)', () => {
  let database: DatabaseHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let relay: Relay;
  let clock: Date;
  const attempts: Record<string, number> = {};

  const reply: Reply = (request) => {
    const name = JSON.parse(request.body).data.name as string;
    const attempt = attempts[name] ?? 0;
    attempts[name] = attempt + 1;
    const answer = SCRIPT[name][attempt] ?? 'ok';
    if (answer === 'hang') return 'hang';
    if (answer === 429) return { status: 429, headers: { 'retry-after': '3600' } };
    return { status: answer === 'ok' ? 200 : 500 };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver(reply);
  });
  afterAll(async () => {
    await relay?.stop(100);
    await receiver?.close();
    await database?.close();
  });

  async function row(name: string) {
    const rows = await database.db.select().from(integrationOutbox);
    return rows.find((r) => (r.payload as { name: string }).name === name)!;
  }

  async function runAt(offsetMs: number) {
    clock = new Date(clock.getTime() + offsetMs);
    await relay.pump();
    await relay.idle();
  }

  it('follows the backoff schedule, honours Retry-After, delivers late successes and dead-letters a poison event', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'retry-org');
    await createWebhookEndpoint(db, {
      orgId: org.id,
      url: `${receiver.url}/hook`,
      allowedHosts: parseWebhookAllowList(['127.0.0.1']),
      secret: 's',
      topics: ['booking.noted'],
    });
    await db
      .insert(integrationOutbox)
      .values(Object.keys(SCRIPT).map((name) => ({ orgId: org.id, topic: 'booking.noted', payload: { name } })));
    clock = new Date(Date.now() + 1_000);
    const start = clock.getTime();
    relay = await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      deliver: createDispatcher({
        db,
        mailer: createDevMailbox(db),
        from: 'x@example.org',
        now: () => clock,
        // The loopback receiver is allowed; per-endpoint limits are left out of this schedule (tests/faults covers them).
        webhooks: {
          allowedHosts: parseWebhookAllowList(['127.0.0.1']),
          gate: { failureThreshold: 1_000, concurrency: 100 },
        },
      }),
      now: () => clock,
      random: () => 0.5, // full jitter, pinned to the middle of each window
      backoff: { baseMs: 30_000, capMs: 6 * 3_600_000, maxAttempts: 5 },
      leaseMs: 800, // a delivery is given 600 ms: the hanging receiver times out quickly
      pollIntervalMs: 3_600_000,
    });
    await runAt(0);

    // Good events went out at once, whatever the bad ones did.
    expect((await row('fine1')).deliveredAt).not.toBeNull();
    expect((await row('fine2')).deliveredAt).not.toBeNull();
    let flaky = await row('flaky');
    expect(flaky.retryCount).toBe(1);
    expect(flaky.lastError).toMatch(/HTTP 500/);
    expect(flaky.deliverAfter.getTime()).toBe(start + 15_000); // 0.5 × 30 s
    const throttled = await row('throttled');
    expect(throttled.deliverAfter.getTime()).toBe(start + 3_600_000); // Retry-After beats the 15 s of backoff

    await runAt(14_000); // not yet due: nothing is tried
    expect((await row('flaky')).retryCount).toBe(1);

    await runAt(1_000); // t = 15 s: the receiver hangs, the delivery times out
    flaky = await row('flaky');
    expect(flaky.retryCount).toBe(2);
    expect(flaky.lastError).toMatch(/timed out/);
    expect(flaky.deliverAfter.getTime()).toBe(start + 15_000 + 30_000); // 0.5 × 60 s

    await runAt(30_000); // t = 45 s: 500 again
    flaky = await row('flaky');
    expect(flaky.retryCount).toBe(3);
    expect(flaky.deliverAfter.getTime()).toBe(start + 45_000 + 60_000); // 0.5 × 120 s

    await runAt(60_000); // t = 105 s: delivered
    flaky = await row('flaky');
    expect(flaky.deliveredAt?.getTime()).toBe(start + 105_000);
    expect(flaky.claimedBy).toBeNull();

    // The poison event was tried alongside; its fifth failure dead-letters it, keeping the last error.
    await runAt(120_000); // t = 225 s: its fifth attempt
    const poison = await row('poison');
    expect(poison.retryCount).toBe(5);
    expect(poison.deadAt).not.toBeNull();
    expect(poison.lastError).toMatch(/HTTP 500/);
    expect(attempts.poison).toBe(5);

    await runAt(3_600_000);
    expect((await row('throttled')).deliveredAt).not.toBeNull();
    // Every event reached the receiver with the same id on each attempt: the idempotency key.
    const ids = await db
      .select({ id: integrationOutbox.id })
      .from(integrationOutbox)
      .where(eq(integrationOutbox.orgId, org.id));
    const seenIds = new Set(receiver.received.map((r) => r.headers['idempotency-key']));
    expect(seenIds).toEqual(new Set(ids.map((r) => r.id)));
  });
});
