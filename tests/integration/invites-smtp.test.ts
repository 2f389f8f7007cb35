import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor';
import type { DatabaseHandle } from '../../db/client';
import { ensureUserWithRole } from '../../db/operations/accounts/users';
import { transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { createBooking, updateBooking } from '../../db/operations/bookings/bookings';
import { updateResource } from '../../db/operations/bookings/resources';
import { requestVisit } from '../../db/operations/bookings/visit-requests';
import { noteDownloadedCopy } from '../../db/operations/outbox/invite-copies';
import { cancelRegistration, registerForSession } from '../../db/operations/registrations/registrations';
import { acceptOffer } from '../../db/operations/registrations/waitlist';
import { cancelWorkshopSession } from '../../db/operations/workshops/session-cancellation';
import { inviteUid } from '../../core/calendar-invite';
import { integrationOutbox, organizations } from '../../db/schema/index';
import { createDispatcher } from '../../workers/dispatch';
import { createSmtpMailer } from '../../workers/mailer/smtp';
import { startRelay, type Relay } from '../../workers/relay';
import { createTestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys, createTestResource, STAFF_ACTOR } from '../support/fixtures';
import { parseWithIcalJs } from '../support/ical-parsers';
import { mimeTreeOf, startSmtpSink } from '../support/smtp-sink';
import { createWorkshopWithSession } from '../support/workshops';

const ORG_NAME = 'Oolite Arts, Inc. "OA"';
const INVITE_TREE = {
  contentType: 'multipart/mixed',
  children: [
    {
      contentType: 'multipart/alternative',
      children: [{ contentType: 'text/plain' }, { contentType: 'text/html' }, { contentType: 'text/calendar' }],
    },
    { contentType: 'application/ics' },
  ],
};
const PLAIN_TREE = {
  contentType: 'multipart/alternative',
  children: [{ contentType: 'text/plain' }, { contentType: 'text/html' }],
};

interface Delivered {
  to: string;
  subject: string;
  text: string;
  fromName: string | undefined;
  invite?: ReturnType<typeof parseWithIcalJs>[number] & { dtstamp: string; partMethod: string };
}

let database: DatabaseHandle;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let relay: Relay;
const delivered: Delivered[] = [];
let minute = 0;

async function deliverAll() {
  const before = sink.received.length;
  await relay.pump();
  await relay.idle();
  for (const mail of sink.received.slice(before)) {
    const parsed = await simpleParser(mail.raw);
    const tree = mimeTreeOf(mail.raw);
    const calendarPart = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    const attachment = parsed.attachments.find((a) => a.contentType === 'application/ics');
    let invite: Delivered['invite'];
    if (calendarPart || attachment) {
      expect(tree).toEqual(INVITE_TREE);
      // Outlook reads the body part, other clients the file: they must be the same invite.
      expect(attachment?.content.toString('utf8')).toBe(calendarPart?.content.toString('utf8'));
      const content = calendarPart?.content.toString('utf8') ?? '';
      const [event] = parseWithIcalJs(content);
      const partMethod = /method=([A-Z]+)/i.exec(
        mail.raw.match(/Content-Type: text\/calendar[^\r\n]*/)?.[0] ?? '',
      )?.[1];
      invite = { ...event, dtstamp: /DTSTAMP:(\S+)/.exec(content)?.[1] ?? '', partMethod: partMethod ?? '' };
      expect(invite.partMethod).toBe(invite.method);
    } else {
      expect(tree).toEqual(PLAIN_TREE);
    }
    expect(mail.to).toHaveLength(1);
    delivered.push({
      to: mail.to[0],
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      fromName: parsed.from?.value[0]?.name,
      invite,
    });
  }
}

const mailTo = (address: string) => delivered.filter((d) => d.to === address);

beforeAll(async () => {
  database = await createTestDatabase();
  sink = await startSmtpSink();
  relay = await startRelay({
    db: database.db,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 3_600_000,
    concurrency: 1,
    deliver: createDispatcher({
      db: database.db,
      mailer: createSmtpMailer(database.db, { url: sink.url }),
      from: 'Bookings <no-reply@oolite.example>',
      // Each delivery a minute later than the one before: DTSTAMPs must rise too.
      now: () => new Date(Date.UTC(2030, 4, 1, 12, minute++)),
    }),
  });
});
afterAll(async () => {
  await relay?.stop(100);
  await sink?.close();
  await database?.close();
});

describe('invites over SMTP: every kind of email carrying one, received by a real SMTP server', () => {
  it('a session’s life: each person’s SEQUENCE only rises, CANCEL only to holders, the reason reaches everyone', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'smtp-invites');
    await db.update(organizations).set({ name: ORG_NAME }).where(eq(organizations.id, org.id));
    const room = await createTestResource(db, org.id, { title: 'Print Shop' });
    const { session, booking } = await createWorkshopWithSession(db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'etching',
      capacity: 2,
      startsAt: '2030-06-04T22:00:00Z',
      endsAt: '2030-06-05T00:00:00Z',
    });
    const now = new Date('2030-05-01T12:00:00Z');
    const register = (name: string) =>
      registerForSession(db, {
        orgId: org.id,
        sessionId: session.id,
        name,
        email: `${name.split(' ')[0].toLowerCase()}@example.org`,
        audience: 'public',
        baseUrl: 'http://localhost:3000',
        now,
      });
    const ana = await register('Ana "Nena" Ruíz');
    const bo = await register('Bo');
    await register('Cy'); // waitlisted
    await deliverAll();

    await cancelRegistration(db, {
      orgId: org.id,
      registrationId: ana.registration.id,
      token: ana.manageToken,
      baseUrl: 'http://localhost:3000',
      now,
    });
    await deliverAll();
    const [offer] = await db
      .select({ payload: integrationOutbox.payload })
      .from(integrationOutbox)
      .where(and(eq(integrationOutbox.orgId, org.id), eq(integrationOutbox.topic, 'registration.offered')));
    const offerToken = String((offer.payload as { registration: { manageUrl: string } }).registration.manageUrl)
      .split('/')
      .at(-1);
    await acceptOffer(db, { orgId: org.id, token: offerToken ?? '', now });
    await cancelRegistration(db, {
      orgId: org.id,
      registrationId: bo.registration.id,
      token: bo.manageToken,
      baseUrl: 'http://localhost:3000',
      now,
    });
    await deliverAll();
    await register('Ana "Nena" Ruíz'); // again, after cancelling
    await deliverAll();
    await updateBooking(db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now,
      id: booking.id,
      patch: { startsAt: '2030-06-11T22:00:00Z', endsAt: '2030-06-12T00:00:00Z' },
    });
    await register('Dee'); // waitlisted: never sent a REQUEST
    await deliverAll();
    await cancelWorkshopSession(db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      sessionId: session.id,
      reason: 'The press is broken',
      now,
    });
    await deliverAll();

    const uid = inviteUid('session', session.id);
    const lifeOf = (address: string) =>
      mailTo(address).map((d) => (d.invite ? `${d.invite.method} ${d.invite.sequence}` : `plain: ${d.subject}`));
    // Ana: registered, cancelled herself, registered again, moved by staff, cancelled by staff.
    const ana_ = mailTo('ana@example.org');
    expect(ana_.map((d) => d.invite?.method ?? 'plain')).toEqual(['REQUEST', 'CANCEL', 'REQUEST', 'REQUEST', 'CANCEL']);
    // Cy: waitlisted, offered (no calendar yet), accepted, moved, cancelled.
    expect(mailTo('cy@example.org').map((d) => d.invite?.method ?? 'plain')).toEqual([
      'plain',
      'plain',
      'REQUEST',
      'REQUEST',
      'CANCEL',
    ]);
    expect(mailTo('bo@example.org').map((d) => d.invite?.method ?? 'plain')).toEqual(['REQUEST', 'CANCEL']);
    // Dee was only ever on the waitlist: a plain email, with the reason.
    expect(lifeOf('dee@example.org')).toEqual([
      'plain: On the waitlist: Workshop etching',
      'plain: Cancelled: Workshop etching',
    ]);
    expect(mailTo('dee@example.org')[1].text).toContain('The press is broken');
    for (const address of ['ana@example.org', 'bo@example.org', 'cy@example.org']) {
      const invites = mailTo(address).flatMap((d) => (d.invite ? [d.invite] : []));
      expect(new Set(invites.map((i) => i.uid))).toEqual(new Set([uid]));
      const sequences = invites.map((i) => i.sequence);
      const stamps = invites.map((i) => i.dtstamp);
      for (let i = 1; i < invites.length; i++) {
        expect(sequences[i], `${address}: ${sequences.join(', ')}`).toBeGreaterThan(sequences[i - 1]);
        expect(stamps[i] > stamps[i - 1], `${address}: ${stamps.join(', ')}`).toBe(true);
      }
    }
    const staffCancel = ana_[4];
    expect(staffCancel.subject).toBe('Cancelled: Workshop etching');
    expect(staffCancel.text).toContain('The press is broken');
    expect(staffCancel.invite?.attendee).toEqual({ cn: "Ana 'Nena' Ruíz", address: 'mailto:ana@example.org' });
    expect(staffCancel.invite?.organizer?.cn).toBe("Oolite Arts, Inc. 'OA'");
    expect(staffCancel.fromName).toBe(ORG_NAME); // quoted per RFC 5322, not stripped
  });

  it('an older event delivered after a newer one carries no invite: a late REQUEST cannot undo a CANCEL', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'smtp-order');
    const room = await createTestResource(db, org.id, { title: 'Print Shop' });
    const { session } = await createWorkshopWithSession(db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'woodcut',
      capacity: 1,
      startsAt: '2030-06-04T22:00:00Z',
      endsAt: '2030-06-05T00:00:00Z',
    });
    const now = new Date('2030-05-01T12:00:00Z');
    const gus = await registerForSession(db, {
      orgId: org.id,
      sessionId: session.id,
      name: 'Gus',
      email: 'gus@example.org',
      audience: 'public',
      baseUrl: 'http://localhost:3000',
      now,
    });
    await cancelRegistration(db, {
      orgId: org.id,
      registrationId: gus.registration.id,
      token: gus.manageToken,
      baseUrl: 'http://localhost:3000',
      now,
    });
    // The relay works in parallel: here the confirmation is simply held back until after the cancellation.
    const confirmation = and(
      eq(integrationOutbox.orgId, org.id),
      eq(integrationOutbox.topic, 'registration.confirmed'),
    );
    await db
      .update(integrationOutbox)
      .set({ deliverAfter: new Date(Date.now() + 86_400_000) })
      .where(confirmation);
    await deliverAll();
    await db
      .update(integrationOutbox)
      .set({ deliverAfter: new Date(Date.now() - 1_000) })
      .where(confirmation);
    await deliverAll();
    expect(mailTo('gus@example.org').map((d) => `${d.subject}: ${d.invite?.method ?? 'no invite'}`)).toEqual([
      'Registration cancelled: Workshop woodcut: no invite',
      "You're registered: Workshop woodcut: no invite",
    ]);
  });

  it('bookings: approval invites, a decline cancels only a downloaded request, a visit approval invites, subjects stay one line', async () => {
    const { db } = database;
    const { org } = await createOrgWithKeys(db, 'smtp-bookings');
    const press = await createTestResource(db, org.id, { title: 'Press', requiresApproval: true });
    const eve = await ensureUserWithRole(db, {
      orgId: org.id,
      email: 'eve@example.org',
      name: 'Eve',
      role: 'resident',
    });
    const actor: Actor = { type: 'user', id: eve.id, role: 'resident' };
    const now = new Date('2030-05-01T12:00:00Z');
    const request = (title: string, day: number) =>
      createBooking(db, {
        orgId: org.id,
        actor,
        now,
        input: {
          resourceId: press.id,
          title,
          description: 'First paragraph.\n\nSecond paragraph.',
          startsAt: `2030-06-${day}T14:00:00Z`,
          endsAt: `2030-06-${day}T16:00:00Z`,
        },
      });
    const approved = await request('Línea A\r\nBcc: mallory@example.org', 10);
    const downloaded = await request('Downloaded request', 11);
    const ignored = await request('Plain request', 12);
    // What the dashboard's download does for a request awaiting approval.
    await noteDownloadedCopy(db, {
      orgId: org.id,
      uid: inviteUid('booking', downloaded.id),
      email: 'eve@example.org',
      eventSequence: downloaded.sequence,
      now,
    });
    await transitionBooking(db, 'approve', { orgId: org.id, actor: ADMIN_ACTOR, now, id: approved.id });
    await transitionBooking(db, 'decline', {
      orgId: org.id,
      actor: ADMIN_ACTOR,
      now,
      id: downloaded.id,
      reason: 'Closed',
    });
    await transitionBooking(db, 'decline', {
      orgId: org.id,
      actor: ADMIN_ACTOR,
      now,
      id: ignored.id,
      reason: 'Closed',
    });

    const artist = await createTestResource(db, org.id, {
      title: 'Jo Park',
      type: 'person',
      availabilityRules: { weekly: { tue: [{ start: '13:00', end: '17:00' }] } },
    });
    await updateResource(db, {
      orgId: org.id,
      actor: ADMIN_ACTOR,
      id: artist.id,
      patch: { visitMinutes: 45, bufferMinutes: 15, allowPublicRequests: true },
    });
    const visit = await requestVisit(db, {
      orgId: org.id,
      resourceId: artist.id,
      startsAt: new Date('2030-01-08T18:00:00Z'),
      now: new Date('2030-01-01T12:00:00Z'),
      requester: { name: 'Fay; the "Painter"', email: 'fay@example.org' },
      requesterName: 'Fay',
    });
    await transitionBooking(db, 'approve', { orgId: org.id, actor: ADMIN_ACTOR, now, id: visit.id });
    await deliverAll();

    const eves = mailTo('eve@example.org');
    const approval = eves.find(
      (d) => d.invite?.uid === inviteUid('booking', approved.id) && d.invite.method === 'REQUEST',
    );
    expect(approval?.subject).toBe('Approved: Línea A Bcc: mallory@example.org');
    expect(approval?.invite?.description).toBe('First paragraph.\n\nSecond paragraph.');
    const headersOf = (raw: string) => raw.slice(0, raw.search(/\r?\n\r?\n/));
    expect(sink.received.every((m) => !/^Bcc:/im.test(headersOf(m.raw)) && m.to.length === 1)).toBe(true);
    const declines = eves.filter((d) => d.subject.startsWith('Declined'));
    expect(declines.map((d) => d.invite?.method ?? 'plain').sort()).toEqual(['CANCEL', 'plain']);
    expect(declines.find((d) => d.invite)?.invite?.uid).toBe(inviteUid('booking', downloaded.id));
    const fays = mailTo('fay@example.org');
    const visitInvite = fays.find((d) => d.invite?.method === 'REQUEST');
    expect(visitInvite?.invite?.uid).toBe(inviteUid('booking', visit.id));
    expect(visitInvite?.invite?.attendee?.cn).toBe("Fay, the 'Painter'");
    // Requests waiting for approval carry nothing to put in a calendar.
    expect(eves.filter((d) => d.subject.startsWith('Request received')).every((d) => !d.invite)).toBe(true);
  });
});
