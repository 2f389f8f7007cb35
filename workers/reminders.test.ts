import { asc, eq, isNotNull } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../core/actor';
import type { DatabaseHandle } from '../db/client';
import { transitionBooking } from '../db/operations/bookings/booking-transitions';
import { createBooking, updateBooking } from '../db/operations/bookings/bookings';
import { suppressAddress } from '../db/operations/outbox/email-messages';
import { ensureUserWithRole } from '../db/operations/accounts/users';
import { emailMessages, integrationOutbox } from '../db/schema/index';
import { createTestDatabase } from '../tests/support/database';
import { createOrgWithKeys, createTestResource } from '../tests/support/fixtures';
import { createDispatcher } from './dispatch';
import { createDevMailbox } from './mailer/dev-mailbox';
import { startRelay, type Relay } from './relay';

describe('reminders: scheduled 24 h before, moved with the booking, dropped on cancel', () => {
  let database: DatabaseHandle;
  let relay: Relay;
  let clock = new Date('2030-01-01T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    relay = await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      now: () => clock,
      deliver: createDispatcher({
        db,
        mailer: createDevMailbox(db),
        from: 'no-reply@oolite.example',
        now: () => clock,
      }),
    });
  });
  afterAll(async () => {
    await relay?.stop(100);
    await database?.close();
  });

  const settle = async () => {
    await relay.pump();
    await relay.idle();
  };
  const waitingReminders = () =>
    database.db
      .select()
      .from(integrationOutbox)
      .where(isNotNull(integrationOutbox.dedupeKey))
      .orderBy(asc(integrationOutbox.createdAt));

  it('follows one booking through its changes, then reminds only a live booking, and never a bounced address', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'reminder-org');
    const resource = await createTestResource(db, org.id);
    const user = await ensureUserWithRole(db, { orgId: org.id, email: 'ana@example.org', name: 'Ana', role: 'staff' });
    const actor: Actor = { type: 'user', id: user.id, role: 'staff' };
    const input = (day: string) => ({
      resourceId: resource.id,
      title: 'Etching',
      startsAt: `2030-01-${day}T15:00:00Z`,
      endsAt: `2030-01-${day}T17:00:00Z`,
    });

    const booking = await createBooking(db, { orgId: org.id, actor, input: input('07') });
    await settle();
    let reminders = await waitingReminders();
    expect(reminders.map((r) => [r.dedupeKey, r.deliverAfter.toISOString(), r.deliveredAt])).toEqual([
      [`reminder:booking:${booking.id}`, '2030-01-06T15:00:00.000Z', null],
    ]);

    await updateBooking(db, {
      orgId: org.id,
      actor,
      id: booking.id,
      patch: { startsAt: '2030-01-08T15:00:00Z', endsAt: '2030-01-08T17:00:00Z' },
    });
    await settle();
    reminders = await waitingReminders();
    expect(reminders.map((r) => r.deliverAfter.toISOString())).toEqual(['2030-01-07T15:00:00.000Z']); // moved, not doubled

    await transitionBooking(db, 'cancel', { orgId: org.id, actor, id: booking.id });
    await settle();
    expect(await waitingReminders()).toEqual([]);

    // A second booking is reminded when its time comes.
    await createBooking(db, { orgId: org.id, actor, input: input('14') });
    await settle();
    clock = new Date('2030-01-13T15:00:00Z');
    await settle();
    const reminderMail = (
      await db.select().from(emailMessages).where(eq(emailMessages.toAddress, 'ana@example.org'))
    ).filter((m) => m.subject.startsWith('Reminder'));
    expect(reminderMail.map((m) => m.subject)).toEqual(['Reminder: Etching, Monday, January 14, 2030 at 10:00 AM EST']);
    expect((await waitingReminders()).every((r) => r.deliveredAt !== null)).toBe(true);

    // A bounced address gets no reminder, though the event is settled.
    await suppressAddress(db, { address: 'ana@example.org', reason: 'bounced' });
    await createBooking(db, { orgId: org.id, actor, input: input('21') });
    await settle();
    clock = new Date('2030-01-20T15:00:00Z');
    await settle();
    const reminders21 = (await db.select().from(emailMessages)).filter((m) => m.subject.includes('January 21'));
    expect(reminders21).toEqual([]);
    expect((await waitingReminders()).every((r) => r.deliveredAt !== null)).toBe(true);
  });
});
