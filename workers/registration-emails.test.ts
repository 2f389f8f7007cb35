import ICAL from 'ical.js';
import { asc, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { inviteMember } from '../db/operations/accounts/memberships';
import { registerForSession } from '../db/operations/registrations/registrations';
import { messageRegistrants } from '../db/operations/workshops/session-messages';
import { emailMessages } from '../db/schema/index';
import { createTestDatabase } from '../tests/support/database';
import { createOrgWithKeys, createTestResource } from '../tests/support/fixtures';
import { createWorkshopWithSession } from '../tests/support/workshops';
import { createDispatcher } from './dispatch';
import { createDevMailbox } from './mailer/dev-mailbox';
import { startRelay, type Relay } from './relay';

let database: DatabaseHandle;
let relay: Relay | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await relay?.stop(100);
  await database?.close();
});

const inviteOf = (content: string) => {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid') };
};

describe('emails from registrations and invitations, delivered by the relay', () => {
  it('confirms a seat with an invite, tells the waitlisted their position, sends an invitation link, and re-invites when the session moves', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'mail-org');
    const room = await createTestResource(db, org.id, { title: 'Print Shop' });
    const { session } = await createWorkshopWithSession(db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'etching',
      capacity: 1,
      startsAt: '2030-06-04T22:00:00Z',
      endsAt: '2030-06-05T00:00:00Z',
    });
    const register = (name: string) =>
      registerForSession(db, {
        orgId: org.id,
        sessionId: session.id,
        name,
        email: `${name}@example.org`,
        audience: 'public',
        baseUrl: 'http://localhost:3000',
        now: new Date('2030-05-01T12:00:00Z'),
      });
    await register('ana');
    await register('bo');
    await inviteMember(db, {
      org,
      actor: { type: 'system', id: null, role: 'admin', name: 'The director' },
      email: 'new.staff@example.org',
      role: 'staff',
      baseUrl: 'http://localhost:3000',
    });

    relay = await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      concurrency: 1,
      deliver: createDispatcher({ db, mailer: createDevMailbox(db), from: 'Infra24 <hello@mail-org.example>' }),
    });
    await relay.idle();

    const messages = await db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.orgId, org.id))
      .orderBy(asc(emailMessages.createdAt));
    const byRecipient = Object.fromEntries(messages.map((m) => [m.toAddress, m]));
    expect(Object.keys(byRecipient).sort()).toEqual(['ana@example.org', 'bo@example.org', 'new.staff@example.org']);

    const seat = byRecipient['ana@example.org'];
    expect(seat.attachments).toHaveLength(1);
    expect(inviteOf(seat.attachments[0].content)).toEqual({ method: 'REQUEST', uid: `session-${session.id}@infra24` });

    const waitlisted = byRecipient['bo@example.org'];
    expect(`${waitlisted.subject} ${waitlisted.text}`).toMatch(/waitlist/i);
    expect(waitlisted.text).toMatch(/\b1\b/); // position 1
    expect(waitlisted.attachments).toHaveLength(0);

    const invitation = byRecipient['new.staff@example.org'];
    expect(invitation.text).toMatch(/http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]{43}/);
    expect(invitation.text).toContain('The director');

    // Staff move the session on the calendar: Ana (seated) gets the updated invite, same UID.
    const { updateBooking } = await import('../db/operations/bookings/bookings');
    const { workshopSessions } = await import('../db/schema/index');
    const [row] = await db.select().from(workshopSessions).where(eq(workshopSessions.id, session.id));
    await updateBooking(db, {
      orgId: org.id,
      actor: { type: 'system', id: null, role: 'staff' },
      now: new Date('2030-05-01T12:00:00Z'),
      id: row.bookingId,
      patch: { startsAt: '2030-06-11T22:00:00Z', endsAt: '2030-06-12T00:00:00Z' },
    });
    await relay!.pump();
    await relay!.idle();
    const moved = (
      await db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.toAddress, 'ana@example.org'))
        .orderBy(asc(emailMessages.createdAt))
    ).at(-1)!;
    expect(moved.id).not.toBe(seat.id);
    expect(inviteOf(moved.attachments[0].content)).toEqual({ method: 'REQUEST', uid: `session-${session.id}@infra24` });
    expect(moved.attachments[0].content).toContain('DTSTART:20300611T220000Z');
  });

  it("delivers staff's message to everyone holding a seat, not to the waitlist, with the words escaped", async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'message-org');
    const room = await createTestResource(db, org.id, { title: 'Darkroom' });
    const { session } = await createWorkshopWithSession(db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'cyanotype',
      capacity: 1,
      startsAt: '2030-06-04T22:00:00Z',
      endsAt: '2030-06-05T00:00:00Z',
    });
    for (const name of ['cy', 'dee']) {
      await registerForSession(db, {
        orgId: org.id,
        sessionId: session.id,
        name,
        email: `${name}@example.org`,
        audience: 'public',
        baseUrl: 'http://localhost:3000',
        now: new Date('2030-05-01T12:00:00Z'),
      });
    }
    const sent = await messageRegistrants(db, {
      orgId: org.id,
      actor: { type: 'system', id: null, role: 'staff' },
      sessionId: session.id,
      message: {
        subject: 'Bring an apron',
        body: 'We start on time.\n\nThe <script>alert(1)</script> room is upstairs.',
      },
    });
    expect(sent).toEqual({ recipients: 1 });
    relay ??= await startRelay({
      db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      concurrency: 1,
      deliver: createDispatcher({ db, mailer: createDevMailbox(db), from: 'Infra24 <hello@message-org.example>' }),
    });
    await relay.pump();
    await relay.idle();
    const messages = await db.select().from(emailMessages).where(eq(emailMessages.orgId, org.id));
    const message = messages.find((m) => m.subject.startsWith('Bring an apron'))!;
    expect(messages.filter((m) => m.subject.startsWith('Bring an apron')).map((m) => m.toAddress)).toEqual([
      'cy@example.org',
    ]);
    expect(message.subject).toBe('Bring an apron — Workshop cyanotype');
    expect(message.text).toContain('We start on time.');
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;');
    expect(message.attachments).toHaveLength(0);
  });
});
