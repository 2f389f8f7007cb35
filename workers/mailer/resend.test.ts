import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { emailMessages, integrationOutbox } from '../../db/schema/index';
import { createTestDatabase } from '../../tests/support/database';
import { createOrgWithKeys } from '../../tests/support/fixtures';
import { startReceiver } from '../../tests/support/receiver';
import { createDispatcher } from '../dispatch';
import { startRelay } from '../relay';
import { createResendMailer } from './resend';

describe('Resend provider: the real SDK against a loopback server playing Resend', () => {
  let database: DatabaseHandle;
  let resend: Awaited<ReturnType<typeof startReceiver>>;
  let answers = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    // First answer: rate limited with Retry-After; then accepted.
    resend = await startReceiver(() =>
      answers++ === 0
        ? {
            status: 429,
            headers: { 'retry-after': '90' },
            body: JSON.stringify({ name: 'rate_limit_exceeded', message: 'Too many requests', statusCode: 429 }),
          }
        : { status: 200, body: JSON.stringify({ id: 're_msg_1' }) },
    );
  });
  afterAll(async () => {
    await resend?.close();
    await database?.close();
  });

  it('sends with the outbox id as idempotency key, honours 429 Retry-After, then records the message', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'resend-org');
    const [event] = await db
      .insert(integrationOutbox)
      .values({
        orgId: org.id,
        topic: 'account.password_reset',
        payload: {
          email: 'ana@example.org',
          name: 'Ana',
          url: 'https://infra24.example/reset/xyz',
          expiresAt: '2030-01-01T13:00:00Z',
        },
      })
      .returning();
    let clock = new Date(Date.now() + 1_000);
    const relay = await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      now: () => clock,
      random: () => 0,
      deliver: createDispatcher({
        db,
        mailer: createResendMailer(db, { apiKey: 're_test_key', baseUrl: resend.url }),
        from: 'Infra24 <no-reply@oolite.example>',
        now: () => clock,
      }),
    });
    await relay.idle();
    let [row] = await db.select().from(integrationOutbox).where(eq(integrationOutbox.id, event.id));
    expect(row.retryCount).toBe(1);
    expect(row.lastError).toMatch(/429/);
    expect(row.deliverAfter.getTime()).toBe(clock.getTime() + 90_000); // Retry-After, not the (zero) jittered backoff
    expect(await db.select().from(emailMessages)).toEqual([]);

    clock = new Date(clock.getTime() + 90_000);
    await relay.pump();
    await relay.idle();
    await relay.stop(100);
    [row] = await db.select().from(integrationOutbox).where(eq(integrationOutbox.id, event.id));
    expect(row.deliveredAt).not.toBeNull();

    expect(resend.received).toHaveLength(2);
    for (const request of resend.received) {
      expect(request.path).toBe('/emails');
      expect(request.headers.authorization).toBe('Bearer re_test_key');
      expect(request.headers['idempotency-key']).toBe(event.id);
    }
    const sent = JSON.parse(resend.received[1].body);
    expect(sent).toMatchObject({
      from: 'resend-org arts <no-reply@oolite.example>',
      to: 'ana@example.org',
      subject: 'Reset your resend-org arts password',
    });
    expect(sent.html).toContain('https://infra24.example/reset/xyz');
    expect(sent.text).toContain('https://infra24.example/reset/xyz');
    const [message] = await db.select().from(emailMessages);
    expect(message).toMatchObject({
      provider: 'resend',
      providerMessageId: 're_msg_1',
      toAddress: 'ana@example.org',
      outboxId: event.id,
    });
  });
});
