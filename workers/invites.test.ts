import ICAL from 'ical.js';
import { asc, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../core/actor';
import type { DatabaseHandle } from '../db/client';
import { transitionBooking } from '../db/operations/bookings/booking-transitions';
import { createBooking, updateBooking } from '../db/operations/bookings/bookings';
import { ensureUserWithRole } from '../db/operations/accounts/users';
import { emailMessages } from '../db/schema/index';
import { createTestDatabase } from '../tests/support/database';
import { createOrgWithKeys, createTestResource } from '../tests/support/fixtures';
import { createDispatcher } from './dispatch';
import { createDevMailbox } from './mailer/dev-mailbox';
import { startRelay, type Relay } from './relay';

function parseInvite(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    organizer: String(event.getFirstPropertyValue('organizer')),
    dtstamp: event.getFirstPropertyValue('dtstamp') as ICAL.Time,
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

describe('calendar invites for one booking: create, reschedule, cancel', () => {
  let database: DatabaseHandle;
  let relay: Relay;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await relay?.stop(100);
    await database?.close();
  });

  it('sends three emails whose .ics share a UID with rising SEQUENCE: REQUEST, REQUEST, CANCEL', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'invite-org');
    const resource = await createTestResource(db, org.id, { title: 'Print Shop' });
    const user = await ensureUserWithRole(db, {
      orgId: org.id,
      email: 'Ana@Example.org',
      name: 'Ana Mendieta',
      role: 'staff',
    });
    const actor: Actor = { type: 'user', id: user.id, role: 'staff' };
    const now = new Date('2030-01-01T12:00:00Z');

    const booking = await createBooking(db, {
      orgId: org.id,
      actor,
      now,
      input: {
        resourceId: resource.id,
        title: 'Screen printing',
        startsAt: '2030-01-07T15:00:00Z',
        endsAt: '2030-01-07T17:00:00Z',
      },
    });
    await updateBooking(db, {
      orgId: org.id,
      actor,
      now,
      id: booking.id,
      patch: { startsAt: '2030-01-08T15:00:00Z', endsAt: '2030-01-08T17:00:00Z' },
    });
    await transitionBooking(db, 'cancel', { orgId: org.id, actor, now, id: booking.id, reason: 'The press is broken' });

    relay = await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      concurrency: 1,
      deliver: createDispatcher({ db, mailer: createDevMailbox(db), from: 'Infra24 <bookings@oolite.example>' }),
    });
    await relay.idle();

    const messages = await db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.orgId, org.id))
      .orderBy(asc(emailMessages.createdAt));
    expect(messages.map((m) => m.subject)).toEqual([
      'Confirmed: Screen printing',
      'Moved: Screen printing',
      'Cancelled: Screen printing',
    ]);
    expect(messages.every((m) => m.toAddress === 'ana@example.org')).toBe(true);
    expect(messages[2].text).toContain('The press is broken');
    expect(messages[0].html).toContain('invite-org arts'); // the organization's name, in its layout

    const invites = messages.map((m) => {
      expect(m.attachments).toHaveLength(1);
      return { ...parseInvite(m.attachments[0].content), contentType: m.attachments[0].contentType };
    });
    expect(invites.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(invites.map((i) => i.contentType)).toEqual([
      'text/calendar; charset=utf-8; method=REQUEST',
      'text/calendar; charset=utf-8; method=REQUEST',
      'text/calendar; charset=utf-8; method=CANCEL',
    ]);
    expect(new Set(invites.map((i) => i.uid))).toEqual(new Set([`booking-${booking.id}@infra24`]));
    expect(invites[0].sequence).toBeLessThan(invites[1].sequence);
    expect(invites[1].sequence).toBeLessThan(invites[2].sequence);
    expect(invites[2].status).toBe('CANCELLED');
    expect(invites.map((i) => i.start)).toEqual([
      '2030-01-07T15:00:00.000Z',
      '2030-01-08T15:00:00.000Z',
      '2030-01-08T15:00:00.000Z',
    ]);
    for (const invite of invites) {
      expect(invite.organizer.toLowerCase()).toBe('mailto:bookings@oolite.example');
      expect(invite.dtstamp.zone?.tzid).toBe('UTC');
    }
  });
});
