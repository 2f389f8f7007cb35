import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseWebhookAllowList } from '../../core/webhook-addresses';
import { sendAccountLink } from '../../db/operations/accounts/auth-tokens';
import { ensureUserWithRole } from '../../db/operations/accounts/users';
import { createWebhookEndpoint } from '../../db/operations/integrations/webhook-endpoints';
import type { OutboxRow } from '../../db/operations/outbox/outbox-relay';
import { emailMessages, integrationOutbox } from '../../db/schema/index';
import type { DeliveryError } from '../../workers/delivery-error';
import { startWorker, type Worker } from '../../workers/index';
import { createWebhookDelivery } from '../../workers/webhooks';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys } from '../support/fixtures';
import { startReceiver } from '../support/receiver';

const LOOPBACK = parseWebhookAllowList(['127.0.0.1']);

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe.skipIf(needsPostgres('fair delivery'))('one organization’s broken webhooks hold up nobody else', () => {
  let database: TestDatabase;
  let hanging: Awaited<ReturnType<typeof startReceiver>>;
  let healthy: Awaited<ReturnType<typeof startReceiver>>;
  let worker: Worker | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Accepts the request and never answers: each POST costs the sender its full timeout.
    hanging = await startReceiver(() => 'hang');
    healthy = await startReceiver(() => ({ status: 200 }));
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await database.db.delete(integrationOutbox);
  });
  afterAll(async () => {
    await hanging?.close();
    await healthy?.close();
    await database?.close();
  });

  async function brokenOrganization(slug: string, events: number) {
    const { org } = await createOrgWithKeys(database.db, slug);
    for (const name of ['crm', 'erp', 'wiki']) {
      await createWebhookEndpoint(database.db, {
        orgId: org.id,
        url: `${hanging.url}/${name}`,
        topics: [],
        allowedHosts: LOOPBACK,
      });
    }
    await database.db
      .insert(integrationOutbox)
      .values(Array.from({ length: events }, (_, n) => ({ orgId: org.id, topic: 'booking.noted', payload: { n } })));
    return org;
  }

  const start = () =>
    startWorker({
      handle: database,
      logger: pino({ level: 'silent' }),
      publicUrl: 'https://infra24.example',
      email: { from: 'Infra24 <no-reply@infra24.example>' },
      webhooks: { allowedHosts: LOOPBACK },
    }).then((started) => {
      worker = started;
      return started;
    });

  it("sends another organization's sign-in link within 5 s while one organization's three endpoints hang", async () => {
    await brokenOrganization('stuck-mail', 120);
    const { org } = await createOrgWithKeys(database.db, 'waiting-mail');
    await ensureUserWithRole(database.db, {
      orgId: org.id,
      email: 'ana@waiting.example',
      name: 'Ana',
      role: 'resident',
    });
    await start();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the hanging deliveries are under way
    await sendAccountLink(database.db, {
      purpose: 'magic_link',
      email: 'ana@waiting.example',
      baseUrl: 'https://infra24.example',
    });
    const tookMs = await waitUntil(async () => {
      const sent = await database.db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.toAddress, 'ana@waiting.example'));
      return sent.length === 1;
    }, 5_000);
    expect(tookMs).toBeLessThan(5_000);
  }, 30_000);

  it("delivers another organization's webhook within 5 s behind one organization's backlog to hanging endpoints", async () => {
    await brokenOrganization('stuck-events', 300);
    const { org } = await createOrgWithKeys(database.db, 'waiting-events');
    await createWebhookEndpoint(database.db, {
      orgId: org.id,
      url: `${healthy.url}/crm`,
      topics: [],
      allowedHosts: LOOPBACK,
    });
    await start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [row] = await database.db
      .insert(integrationOutbox)
      .values({ orgId: org.id, topic: 'booking.noted', payload: { waiting: true } })
      .returning();
    const tookMs = await waitUntil(
      async () => healthy.received.some((request) => request.headers['x-infra24-event-id'] === row.id),
      5_000,
    );
    expect(tookMs).toBeLessThan(5_000);
  }, 30_000);
});

describe.skipIf(needsPostgres('webhook circuit'))('a failing webhook endpoint is paused, then probed', () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let status = 500;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver(() => ({ status }));
  });
  afterAll(async () => {
    await receiver?.close();
    await database?.close();
  });

  it('stops trying after three failures in a row, lets one probe through after the cool-down, and closes on its success', async () => {
    const { org } = await createOrgWithKeys(database.db, 'circuit');
    await createWebhookEndpoint(database.db, {
      orgId: org.id,
      url: `${receiver.url}/hook`,
      topics: [],
      allowedHosts: LOOPBACK,
    });
    let clock = Date.parse('2026-03-02T15:00:00Z'); // the gate's clock, a fixed instant
    const deliver = createWebhookDelivery({
      allowedHosts: LOOPBACK,
      gate: { failureThreshold: 3, coolDownMs: 30_000 },
      now: () => clock,
    });
    const event = (n: number): OutboxRow =>
      ({
        id: crypto.randomUUID(),
        orgId: org.id,
        topic: 'booking.noted',
        payload: { n },
        createdAt: new Date(clock),
      }) as unknown as OutboxRow;
    const attempt = async (n: number) => {
      try {
        await deliver(database.db, event(n), new AbortController().signal, new Date(clock));
        return 'delivered';
      } catch (error) {
        return (error as DeliveryError).message.replace(receiver.url, '');
      }
    };

    for (let n = 0; n < 3; n++) expect(await attempt(n)).toBe('webhook /hook: HTTP 500');
    expect(receiver.received).toHaveLength(3);
    // Open: not tried at all, and put off until the cool-down ends.
    const paused = await deliver(database.db, event(3), new AbortController().signal, new Date(clock)).catch(
      (error: DeliveryError) => error,
    );
    expect((paused as DeliveryError).message).toMatch(/not tried/);
    expect((paused as DeliveryError).retryAfterMs).toBe(30_000);
    expect(receiver.received).toHaveLength(3);

    clock += 30_000; // half-open: one probe, which fails: open again, for twice as long
    expect(await attempt(4)).toBe('webhook /hook: HTTP 500');
    expect(receiver.received).toHaveLength(4);
    expect(await attempt(5)).toMatch(/not tried/);
    clock += 30_000;
    expect(await attempt(6)).toMatch(/not tried/);

    status = 200;
    clock += 30_000; // the probe succeeds: closed again
    expect(await attempt(7)).toBe('delivered');
    expect(await attempt(8)).toBe('delivered');
    expect(receiver.received).toHaveLength(6);
  });
});
