import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { and, asc, eq } from 'drizzle-orm';
import { pino } from 'pino';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as adminBookings from '../../app/routes/$org.admin.bookings';
import * as dashboard from '../../app/routes/$org.dashboard.bookings';
import * as bookingIcs from '../../app/routes/$org.dashboard.bookings.$id.ics';
import * as equipmentPage from '../../app/routes/$org.equipment';
import * as resourceEdit from '../../app/routes/$org.admin.resources.$id';
import * as visitsPage from '../../app/routes/$org.studio-visits';
import type { AvailabilityRules } from '../../core/availability';
import { createBooking } from '../../db/operations/bookings/bookings';
import { transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { findResource, updateResource } from '../../db/operations/bookings/resources';
import { requestVisit } from '../../db/operations/bookings/visit-requests';
import { auditLog, bookings, emailMessages, integrationOutbox, users } from '../../db/schema/index';
import { createDispatcher } from '../../workers/dispatch';
import { createDevMailbox } from '../../workers/mailer/dev-mailbox';
import { startRelay } from '../../workers/relay';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

type Args = LoaderFunctionArgs & ActionFunctionArgs;
// Monday 7 January 2030 starts the week under test; New York is on EST (UTC−5).
const WEEK = '2030-01-07';
const weekdays = (start: string, end: string): AvailabilityRules => ({
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start, end }]])),
});
const TUE_THU_AFTERNOONS: AvailabilityRules = {
  weekly: { tue: [{ start: '13:00', end: '17:00' }], thu: [{ start: '13:00', end: '17:00' }] },
};

let database: TestDatabase;
let context: AppLoadContext;
let oolite: OrgFixture;
let api: ApiServer;
const ids = { printer: '', kiln: '', artist: '', publicArtist: '', privateBooking: '' };
const people = {
  resident: { id: '', cookie: '' },
  neighbour: { id: '', cookie: '' },
  staff: { id: '', cookie: '' },
  admin: { id: '', cookie: '' },
  outsider: { id: '', cookie: '' },
};

async function call(
  handler: unknown,
  path: string,
  options: Parameters<typeof request>[1] & { params?: Record<string, string>; ip?: string } = {},
): Promise<Response> {
  const ctx = options.ip ? loadContext(database.db, options.ip) : context;
  return respond(() =>
    (handler as (args: Args) => Promise<unknown>)({
      request: request(path, options),
      params: { org: 'oolite', ...options.params },
      context: ctx,
    } as Args),
  );
}
const bookingsOf = (resourceId: string) =>
  database.db.select().from(bookings).where(eq(bookings.resourceId, resourceId));

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  api = await startApiServer(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  const bakehouse = await createOrgWithKeys(database.db, 'bakehouse');
  ids.printer = (
    await createTestResource(database.db, oolite.org.id, {
      title: 'Risograph',
      type: 'equipment',
      requiresApproval: true,
      availabilityRules: weekdays('10:00', '18:00'),
    })
  ).id;
  ids.kiln = (
    await createTestResource(database.db, oolite.org.id, {
      title: 'Kiln',
      type: 'equipment',
      availabilityRules: weekdays('09:00', '21:00'),
    })
  ).id;
  ids.artist = (
    await createTestResource(database.db, oolite.org.id, {
      title: 'Ana Ruiz',
      type: 'person',
      availabilityRules: TUE_THU_AFTERNOONS,
    })
  ).id;
  ids.publicArtist = (
    await createTestResource(database.db, oolite.org.id, {
      title: 'Jo Park',
      type: 'person',
      availabilityRules: TUE_THU_AFTERNOONS,
    })
  ).id;
  const visits = { visitMinutes: 45, bufferMinutes: 15, minNoticeMinutes: 24 * 60 };
  await updateResource(database.db, { orgId: oolite.org.id, actor: ADMIN_ACTOR, id: ids.artist, patch: visits });
  await updateResource(database.db, {
    orgId: oolite.org.id,
    actor: ADMIN_ACTOR,
    id: ids.publicArtist,
    patch: { ...visits, allowPublicRequests: true },
  });
  for (const [key, email, role] of [
    ['resident', 'ana@oolite.test', 'resident'],
    ['neighbour', 'ben@oolite.test', 'resident'],
    ['staff', 'staff@oolite.test', 'staff'],
    ['admin', 'admin@oolite.test', 'admin'],
  ] as const) {
    const { user, cookie } = await memberWithSession(context, oolite.org.id, email, role);
    people[key] = { id: user.id, cookie };
  }
  const outsider = await memberWithSession(context, bakehouse.org.id, 'resident@bakehouse.test', 'resident');
  people.outsider = { id: outsider.user.id, cookie: outsider.cookie };
  // Tuesday 10:00–12:00 local on the printer, someone else's.
  ids.privateBooking = (
    await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: STAFF_ACTOR,
      input: {
        resourceId: ids.printer,
        title: 'Board zine run',
        startsAt: '2030-01-08T15:00:00Z',
        endsAt: '2030-01-08T17:00:00Z',
      },
    })
  ).id;
  // An expired hold on the kiln (made "in 2020" for 15 minutes): it must not block anything.
  await createBooking(database.db, {
    orgId: oolite.org.id,
    actor: STAFF_ACTOR,
    now: new Date('2020-01-01T00:00:00Z'),
    input: {
      resourceId: ids.kiln,
      title: 'Abandoned hold',
      status: 'hold',
      startsAt: '2030-01-08T14:00:00Z',
      endsAt: '2030-01-08T16:00:00Z',
    },
  });
  // Thursday 14:50–15:10 local on Ana's calendar: her 14:00 and 15:00 visits fall inside its buffer.
  await createBooking(database.db, {
    orgId: oolite.org.id,
    actor: STAFF_ACTOR,
    input: {
      resourceId: ids.artist,
      title: 'Curator call',
      startsAt: '2030-01-10T19:50:00Z',
      endsAt: '2030-01-10T20:10:00Z',
    },
  });
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

describe('who may open the pages', () => {
  it('sends anonymous visitors to sign in for equipment and the dashboard, and refuses other organizations', async () => {
    for (const [handler, path] of [
      [equipmentPage.loader, '/oolite/equipment'],
      [dashboard.loader, '/oolite/dashboard/bookings'],
    ] as const) {
      const response = await call(handler, path);
      expect([response.status, response.headers.get('location')]).toEqual([
        302,
        `/login?redirectTo=${encodeURIComponent(path)}`,
      ]);
    }
    // Someone of another organization is told the page is for members, not that it does not exist.
    const outsider = await call(equipmentPage.loader, '/oolite/equipment', { cookie: people.outsider.cookie });
    expect(outsider.status).toBe(403);
    expect(await outsider.text()).toMatch(/^This page is for members of /);
    const post = await call(equipmentPage.action, '/oolite/equipment', {
      cookie: people.outsider.cookie,
      form: { resourceId: ids.kiln, startsAt: '2030-01-08T10:00', endsAt: '2030-01-08T11:00' },
    });
    expect(post.status).toBe(403);
    expect(await bookingsOf(ids.kiln)).toHaveLength(1);
  });

  it('refuses a form posted from another site', async () => {
    const response = await call(equipmentPage.action, '/oolite/equipment', {
      cookie: people.resident.cookie,
      origin: 'https://evil.example',
      form: { resourceId: ids.kiln, startsAt: '2030-01-08T10:00', endsAt: '2030-01-08T11:00' },
    });
    expect(response.status).toBe(403);
  });
});

describe('equipment', () => {
  it('lists free times per local day: opening hours minus bookings, expired holds not counted', async () => {
    const data = await (
      await call(equipmentPage.loader, `/oolite/equipment?week=${WEEK}`, { cookie: people.resident.cookie })
    ).json();
    expect(data.week.label).toBe('Jan 7 – 13, 2030');
    const printer = data.equipment.find((e: { id: string }) => e.id === ids.printer);
    expect(printer.requiresApproval).toBe(true);
    const tuesday = printer.days.find((d: { date: string }) => d.date === '2030-01-08');
    expect(tuesday.free.map((f: { label: string }) => f.label)).toEqual(['12:00 – 6:00 PM']);
    expect(tuesday.free[0].href).toContain('start=2030-01-08T12%3A00&end=2030-01-08T18%3A00');
    expect(printer.days.map((d: { date: string }) => d.date)).toEqual([
      '2030-01-07',
      '2030-01-08',
      '2030-01-09',
      '2030-01-10',
      '2030-01-11',
    ]);
    const kiln = data.equipment.find((e: { id: string }) => e.id === ids.kiln);
    expect(
      kiln.days.find((d: { date: string }) => d.date === '2030-01-08').free.map((f: { label: string }) => f.label),
    ).toEqual(['9:00 AM – 9:00 PM']);
  });

  it('turns a request for equipment that needs approval into a pending request in the staff queue', async () => {
    const response = await call(equipmentPage.action, '/oolite/equipment', {
      cookie: people.resident.cookie,
      form: {
        resourceId: ids.printer,
        startsAt: '2030-01-08T13:00',
        endsAt: '2030-01-08T14:30',
        purpose: 'zine covers',
      },
    });
    expect(response.status).toBe(302);
    const [booking] = (await bookingsOf(ids.printer)).filter((b) => b.createdBy === people.resident.id);
    expect(response.headers.get('location')).toBe(`/oolite/dashboard/bookings?requested=${booking.id}`);
    expect(booking).toMatchObject({
      status: 'pending',
      pendingReason: 'approval',
      title: 'ana: zine covers',
      source: 'resident',
      startsAt: new Date('2030-01-08T18:00:00Z'),
      endsAt: new Date('2030-01-08T19:30:00Z'),
    });
    const queue = await (
      await call(adminBookings.loader, '/oolite/admin/bookings', { cookie: people.staff.cookie })
    ).json();
    expect(queue.queue.map((q: { id: string }) => q.id)).toContain(booking.id);
    const [event] = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'booking.requested'));
    expect((event.payload as { booking: { id: string } }).booking.id).toBe(booking.id);
  });

  it('confirms at once when the equipment needs no approval', async () => {
    const response = await call(equipmentPage.action, '/oolite/equipment', {
      cookie: people.resident.cookie,
      form: { resourceId: ids.kiln, startsAt: '2030-01-08T09:30', endsAt: '2030-01-08T11:00' },
    });
    expect(response.status).toBe(302);
    const mine = (await bookingsOf(ids.kiln)).filter((b) => b.createdBy === people.resident.id);
    // 09:30 local lies inside the expired hold's span (14:00Z–16:00Z): the hold did not block it.
    expect(mine.map((b) => [b.status, b.startsAt.toISOString()])).toEqual([['confirmed', '2030-01-08T14:30:00.000Z']]);
  });

  it('names the time that is taken, not whose booking it is, and writes nothing', async () => {
    const before = (await bookingsOf(ids.printer)).length;
    const response = await call(equipmentPage.action, '/oolite/equipment', {
      cookie: people.neighbour.cookie,
      form: { resourceId: ids.printer, startsAt: '2030-01-08T11:30', endsAt: '2030-01-08T12:30' },
    });
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error).toBe(
      'That time is taken: it is already booked Tuesday, January 8, 2030, 10:00 AM – 12:00 PM EST. Pick a free time from the list.',
    );
    expect(JSON.stringify(body)).not.toContain('Board zine run');
    expect(body.fields.startsAt).toEqual(['is already booked Tuesday, January 8, 2030, 10:00 AM – 12:00 PM EST']);
    expect(await bookingsOf(ids.printer)).toHaveLength(before);
  });

  it('names the field of bad input: missing, backwards, malformed, outside the hours, another kind of resource', async () => {
    const post = async (form: Record<string, string>) => {
      const response = await call(equipmentPage.action, '/oolite/equipment', { cookie: people.neighbour.cookie, form });
      return [response.status, Object.keys((await response.json()).fields)];
    };
    expect(await post({ resourceId: ids.kiln, startsAt: '2030-01-09T10:00' })).toEqual([422, ['endsAt']]);
    expect(await post({ resourceId: 'nope', startsAt: '2030-01-09T10:00', endsAt: '2030-01-09T11:00' })).toEqual([
      422,
      ['resourceId'],
    ]);
    expect(await post({ resourceId: ids.kiln, startsAt: '2030-01-09T10:00', endsAt: '2030-01-09T09:00' })).toEqual([
      422,
      ['endsAt'],
    ]);
    expect(await post({ resourceId: ids.kiln, startsAt: 'tomorrow', endsAt: '2030-01-09T09:00' })).toEqual([
      422,
      ['startsAt'],
    ]);
    expect(await post({ resourceId: ids.kiln, startsAt: '2030-01-09T20:00', endsAt: '2030-01-09T22:00' })).toEqual([
      422,
      ['startsAt'],
    ]);
    expect(await post({ resourceId: ids.kiln, startsAt: '2020-01-09T10:00', endsAt: '2020-01-09T11:00' })).toEqual([
      422,
      ['startsAt'],
    ]);
    expect(await post({ resourceId: ids.artist, startsAt: '2030-01-08T13:00', endsAt: '2030-01-08T14:00' })).toEqual([
      404,
      ['resourceId'],
    ]);
    // 2:30 on the morning the clocks go forward is no time at all in New York: refused, not moved to 3:30.
    const skipped = await call(equipmentPage.action, '/oolite/equipment', {
      cookie: people.neighbour.cookie,
      form: { resourceId: ids.kiln, startsAt: '2030-03-10T02:30', endsAt: '2030-03-10T04:00' },
    });
    expect(skipped.status).toBe(422);
    expect((await skipped.json()).fields.startsAt).toEqual(['does not exist in America/New_York (the clocks skip it)']);
    expect((await bookingsOf(ids.kiln)).filter((b) => b.createdBy === people.neighbour.id)).toEqual([]);
  });
});

describe('studio visits', () => {
  it('shows every artist with visit slots to anyone; only public ones take requests without signing in', async () => {
    const data = await (await call(visitsPage.loader, `/oolite/studio-visits?week=${WEEK}`)).json();
    const ana = data.artists.find((a: { id: string }) => a.id === ids.artist);
    expect([ana.length, ana.notice, ana.canRequest]).toEqual(['45 minutes', '1 day', false]);
    // Thursday: the curator call at 14:50–15:10 keeps 14:00 and 15:00 off the list (15 minutes of buffer).
    expect(
      ana.days.map((d: { date: string; slots: { label: string }[] }) => [d.date, d.slots.map((s) => s.label)]),
    ).toEqual([
      ['2030-01-08', ['1:00 PM', '2:00 PM', '3:00 PM', '4:00 PM']],
      ['2030-01-10', ['1:00 PM', '4:00 PM']],
    ]);
    expect(data.artists.find((a: { id: string }) => a.id === ids.publicArtist).canRequest).toBe(true);
    const member = await (
      await call(visitsPage.loader, `/oolite/studio-visits?week=${WEEK}`, { cookie: people.resident.cookie })
    ).json();
    expect(member.artists.every((a: { canRequest: boolean }) => a.canRequest)).toBe(true);
  });

  it('refuses a start off the slot grid and one inside the buffer, naming startsAt', async () => {
    const misaligned = await call(visitsPage.action, '/oolite/studio-visits', {
      cookie: people.resident.cookie,
      form: { resourceId: ids.artist, startsAt: '2030-01-08T18:10:00Z' },
    });
    const misalignedBody = await misaligned.json();
    expect([misaligned.status, Object.keys(misalignedBody.fields)]).toEqual([422, ['startsAt']]);
    expect(misalignedBody.fields.startsAt[0]).toContain('is not one of the visit slots');
    const tooClose = await call(visitsPage.action, '/oolite/studio-visits', {
      cookie: people.resident.cookie,
      form: { resourceId: ids.artist, startsAt: '2030-01-10T19:00:00Z' },
    });
    const tooCloseBody = await tooClose.json();
    expect(tooClose.status).toBe(409);
    expect(tooCloseBody.fields.startsAt).toEqual([
      'is too close to the booking of Thursday, January 10, 2030, 2:50 – 3:10 PM EST: 15 minutes are kept free around each visit',
    ]);
    expect(JSON.stringify(tooCloseBody)).not.toContain('Curator call');
    expect(await bookingsOf(ids.artist)).toHaveLength(1);
  });

  it('refuses a request that comes in later than the notice allows (checked on the server with its clock)', async () => {
    const attempt = requestVisit(database.db, {
      orgId: oolite.org.id,
      resourceId: ids.artist,
      startsAt: new Date('2030-01-08T18:00:00Z'),
      requester: { userId: people.resident.id, member: true },
      requesterName: 'ana',
      now: new Date('2030-01-07T20:00:00Z'),
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'validation',
      fields: { startsAt: [expect.stringContaining('must be at least 1 day from now')] },
    });
  });

  it('turns a member request into a pending booking in the approval queue', async () => {
    const response = await call(visitsPage.action, '/oolite/studio-visits', {
      cookie: people.resident.cookie,
      form: { resourceId: ids.artist, startsAt: '2030-01-08T18:00:00Z', note: 'Printmaking portfolio' },
    });
    expect(response.status).toBe(302);
    const visit = (await bookingsOf(ids.artist)).find((b) => b.createdBy === people.resident.id)!;
    expect(visit).toMatchObject({
      status: 'pending',
      pendingReason: 'approval',
      title: 'Studio visit: ana',
      description: 'Printmaking portfolio',
      source: 'visit_request',
      endsAt: new Date('2030-01-08T18:45:00Z'),
    });
    const queue = await (
      await call(adminBookings.loader, '/oolite/admin/bookings', { cookie: people.staff.cookie })
    ).json();
    expect(queue.queue.find((q: { id: string }) => q.id === visit.id)).toMatchObject({
      resource: 'Ana Ruiz',
      title: 'Studio visit: ana',
    });
    // The next slot is free again: 18:45 + 15 minutes of buffer = 19:00.
    const next = await call(visitsPage.action, '/oolite/studio-visits', {
      cookie: people.neighbour.cookie,
      form: { resourceId: ids.artist, startsAt: '2030-01-08T19:00:00Z' },
    });
    expect(next.status).toBe(302);
  });

  it('refuses the public for a members-only artist and writes nothing, not even a guest account', async () => {
    const response = await call(visitsPage.action, '/oolite/studio-visits', {
      form: { resourceId: ids.artist, startsAt: '2030-01-08T20:00:00Z', name: 'Walk In', email: 'walkin@example.org' },
    });
    expect(response.status).toBe(403);
    expect(Object.keys((await response.json()).fields)).toEqual(['resourceId']);
    expect(await database.db.select().from(users).where(eq(users.email, 'walkin@example.org'))).toEqual([]);
  });

  it('takes a public request with a name and email as a guest, and tells them when it is approved', async () => {
    const missing = await call(visitsPage.action, '/oolite/studio-visits', {
      form: { resourceId: ids.publicArtist, startsAt: '2030-01-08T18:00:00Z', name: 'Rosa Diaz' },
    });
    expect([missing.status, Object.keys((await missing.json()).fields)]).toEqual([422, ['email']]);
    const response = await call(visitsPage.action, '/oolite/studio-visits', {
      form: {
        resourceId: ids.publicArtist,
        startsAt: '2030-01-08T18:00:00Z',
        name: 'Rosa Diaz',
        email: 'Rosa@Example.org',
      },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).requested).toEqual({
      when: 'Tuesday, January 8, 2030, 1:00 – 1:45 PM EST',
      email: 'Rosa@Example.org',
    });
    const [guest] = await database.db.select().from(users).where(eq(users.email, 'rosa@example.org'));
    expect([guest.name, guest.passwordHash]).toEqual(['Rosa Diaz', null]);
    const [visit] = await bookingsOf(ids.publicArtist);
    expect(visit).toMatchObject({ status: 'pending', pendingReason: 'approval', createdBy: guest.id });
    await transitionBooking(database.db, 'approve', { orgId: oolite.org.id, actor: STAFF_ACTOR, id: visit.id });
    const topics = (await database.db.select().from(integrationOutbox))
      .filter((e) => (e.payload as { booking?: { id: string } }).booking?.id === visit.id)
      .map((e) => e.topic);
    expect(topics).toEqual(['booking.requested', 'booking.approved']);
  });

  it('emails the guest through the outbox: request received, then approved with the invite', async () => {
    const relay = await startRelay({
      db: database.db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 3_600_000,
      concurrency: 1,
      deliver: createDispatcher({
        db: database.db,
        mailer: createDevMailbox(database.db),
        from: 'Infra24 <visits@oolite.example>',
      }),
    });
    try {
      await relay.idle();
    } finally {
      await relay.stop(100);
    }
    const mail = await database.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.toAddress, 'rosa@example.org'))
      .orderBy(asc(emailMessages.createdAt));
    expect(mail.map((m) => m.subject)).toEqual([
      'Request received: Studio visit: Rosa Diaz',
      'Approved: Studio visit: Rosa Diaz',
    ]);
    expect(mail[1].attachments.map((a) => a.contentType)).toEqual(['text/calendar; charset=utf-8; method=REQUEST']);
  });

  it('limits public requests per email and per address', async () => {
    const post = (email: string, ip: string) =>
      call(visitsPage.action, '/oolite/studio-visits', {
        ip,
        form: { resourceId: ids.publicArtist, startsAt: '2030-01-08T18:07:00Z', name: 'Spam', email },
      });
    for (let i = 0; i < 5; i++) expect((await post('spam@example.org', `198.51.100.${i}`)).status).toBe(422);
    const limited = await post('spam@example.org', '198.51.100.99');
    expect([limited.status, (await limited.json()).error]).toEqual([429, expect.stringContaining('Too many requests')]);
    for (let i = 0; i < 20; i++) await post(`p${i}@example.org`, '198.51.100.200');
    expect((await post('fresh@example.org', '198.51.100.200')).status).toBe(429);
  });
});

describe('my bookings', () => {
  it('lists my own bookings with their status, not the neighbour’s', async () => {
    const data = await (
      await call(dashboard.loader, '/oolite/dashboard/bookings', { cookie: people.resident.cookie })
    ).json();
    expect(
      data.upcoming.map((b: { resource: string; statusLabel: string; when: string }) => [
        b.resource,
        b.statusLabel,
        b.when,
      ]),
    ).toEqual([
      ['Kiln', 'confirmed', 'Tue, Jan 8, 2030, 9:30 – 11:00 AM'],
      ['Ana Ruiz', 'pending approval', 'Tue, Jan 8, 2030, 1:00 – 1:45 PM'],
      ['Risograph', 'pending approval', 'Tue, Jan 8, 2030, 1:00 – 2:30 PM'],
    ]);
    const neighbour = await (
      await call(dashboard.loader, '/oolite/dashboard/bookings', { cookie: people.neighbour.cookie })
    ).json();
    expect(neighbour.upcoming.map((b: { resource: string }) => b.resource)).toEqual(['Ana Ruiz']);
  });

  it('downloads a booking as .ics: METHOD:PUBLISH, the UID of its invites, only for its owner', async () => {
    const [kilnBooking] = (await bookingsOf(ids.kiln)).filter((b) => b.createdBy === people.resident.id);
    const response = await call(bookingIcs.loader, `/oolite/dashboard/bookings/${kilnBooking.id}/ics`, {
      cookie: people.resident.cookie,
      params: { id: kilnBooking.id },
    });
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect([event.uid, event.startDate.toJSDate().toISOString(), event.summary]).toEqual([
      `booking-${kilnBooking.id}@infra24`,
      '2030-01-08T14:30:00.000Z',
      'Kiln — oolite arts',
    ]);
    const stranger = await call(bookingIcs.loader, `/oolite/dashboard/bookings/${kilnBooking.id}/ics`, {
      cookie: people.neighbour.cookie,
      params: { id: kilnBooking.id },
    });
    expect(stranger.status).toBe(404);
  });

  it('cancels my own upcoming booking as an audited transition; someone else’s is refused', async () => {
    const [request] = (await bookingsOf(ids.printer)).filter((b) => b.createdBy === people.resident.id);
    const refused = await call(dashboard.action, '/oolite/dashboard/bookings', {
      cookie: people.neighbour.cookie,
      form: { bookingId: request.id },
    });
    expect(refused.status).toBe(404);
    expect((await bookingsOf(ids.printer)).find((b) => b.id === request.id)!.status).toBe('pending');
    const staffBooking = await call(dashboard.action, '/oolite/dashboard/bookings', {
      cookie: people.resident.cookie,
      form: { bookingId: ids.privateBooking },
    });
    expect(staffBooking.status).toBe(404);
    const bad = await call(dashboard.action, '/oolite/dashboard/bookings', {
      cookie: people.resident.cookie,
      form: { bookingId: 'x' },
    });
    expect([bad.status, Object.keys((await bad.json()).fields)]).toEqual([422, ['bookingId']]);

    const cancelled = await call(dashboard.action, '/oolite/dashboard/bookings', {
      cookie: people.resident.cookie,
      form: { bookingId: request.id },
    });
    expect(cancelled.status).toBe(200);
    expect((await bookingsOf(ids.printer)).find((b) => b.id === request.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'cancelled by the requester',
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, request.id), eq(auditLog.action, 'booking.cancelled')));
    expect([audit.actorType, audit.actorId]).toEqual(['user', people.resident.id]);
    const again = await call(dashboard.action, '/oolite/dashboard/bookings', {
      cookie: people.resident.cookie,
      form: { bookingId: request.id },
    });
    expect(again.status).toBe(409);
    const data = await (
      await call(dashboard.loader, '/oolite/dashboard/bookings', { cookie: people.resident.cookie })
    ).json();
    expect(data.upcoming.find((b: { id: string }) => b.id === request.id)).toMatchObject({
      statusLabel: 'cancelled',
      canCancel: false,
      icsUrl: null,
    });
  });
});

describe('free slots through the API', () => {
  it('answers visit slots for an artist and free intervals for equipment, inside the organization only', async () => {
    const visits = await api.request(
      'GET',
      `/orgs/oolite/resources/${ids.artist}/slots?from=2030-01-10T05:00:00Z&to=2030-01-11T05:00:00Z`,
      { key: oolite.staffKey },
    );
    expect(visits.status).toBe(200);
    expect(visits.body).toMatchObject({ resourceId: ids.artist, timeZone: 'America/New_York', visitMinutes: 45 });
    expect(visits.body.slots).toEqual([
      { startsAt: '2030-01-10T18:00:00.000Z', endsAt: '2030-01-10T18:45:00.000Z' },
      { startsAt: '2030-01-10T21:00:00.000Z', endsAt: '2030-01-10T21:45:00.000Z' },
    ]);
    const printer = await api.request(
      'GET',
      `/orgs/oolite/resources/${ids.printer}/slots?from=2030-01-08T05:00:00Z&to=2030-01-09T05:00:00Z`,
      { key: oolite.staffKey },
    );
    expect(printer.body.slots).toEqual([{ startsAt: '2030-01-08T17:00:00.000Z', endsAt: '2030-01-08T23:00:00.000Z' }]);
    const backwards = await api.request(
      'GET',
      `/orgs/oolite/resources/${ids.printer}/slots?from=2030-01-09T05:00:00Z&to=2030-01-08T05:00:00Z`,
      { key: oolite.staffKey },
    );
    expect([backwards.status, Object.keys(backwards.body.error.fields)]).toEqual([422, ['to']]);
    const malformed = await api.request('GET', `/orgs/oolite/resources/${ids.printer}/slots?from=monday`, {
      key: oolite.staffKey,
    });
    expect([malformed.status, Object.keys(malformed.body.error.fields)]).toEqual([422, ['from']]);
    const bakehouse = await createOrgWithKeys(database.db, 'bakehouse-api');
    const other = await api.request('GET', `/orgs/bakehouse-api/resources/${ids.printer}/slots`, {
      key: bakehouse.staffKey,
    });
    expect(other.status).toBe(404);
    const wrongKey = await api.request('GET', `/orgs/oolite/resources/${ids.printer}/slots`, {
      key: bakehouse.staffKey,
    });
    expect(wrongKey.status).toBe(403);
  });
});

describe('staff set the visit settings on the resource form', () => {
  it('saves length, buffer, notice in hours and public requests; a wrong value names its field and changes nothing', async () => {
    const form = {
      title: 'Ana Ruiz',
      type: 'person',
      capacity: '1',
      timeZone: 'America/New_York',
      isBookable: 'on',
      'weekly.tue': '13:00-17:00',
      'weekly.thu': '13:00-17:00',
    };
    const edit = (fields: Record<string, string>) =>
      call(resourceEdit.action, `/oolite/admin/resources/${ids.artist}`, {
        cookie: people.admin.cookie,
        params: { id: ids.artist },
        form: { ...form, ...fields },
      });
    const wrong = await edit({ visitMinutes: '2', bufferMinutes: 'ten', minNoticeHours: '-1' });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error).toEqual({
      visitMinutes: ['must be at least 5 minutes'],
      bufferMinutes: ['must be a number of minutes'],
      minNoticeHours: ['must not be negative'],
    });
    const publicWithoutLength = await edit({ allowPublicRequests: 'on' });
    expect((await publicWithoutLength.json()).error).toEqual({
      allowPublicRequests: ['needs a visit length: only studio visits can be requested by the public'],
    });
    expect(await findResource(database.db, oolite.org.id, ids.artist)).toMatchObject({
      visitMinutes: 45,
      bufferMinutes: 15,
      minNoticeMinutes: 1440,
      allowPublicRequests: false,
    });

    const saved = await edit({
      visitMinutes: '30',
      bufferMinutes: '10',
      minNoticeHours: '2',
      allowPublicRequests: 'on',
    });
    expect([saved.status, saved.headers.get('location')]).toEqual([302, '/oolite/admin/resources']);
    expect(await findResource(database.db, oolite.org.id, ids.artist)).toMatchObject({
      visitMinutes: 30,
      bufferMinutes: 10,
      minNoticeMinutes: 120,
      allowPublicRequests: true,
    });
    // The page offers the new grid at once: 30 + 10 minutes from 13:00.
    const data = await (await call(visitsPage.loader, `/oolite/studio-visits?week=2030-01-14`)).json();
    const tuesday = data.artists.find((a: { id: string }) => a.id === ids.artist).days[0];
    expect([tuesday.date, tuesday.slots.map((s: { label: string }) => s.label)]).toEqual([
      '2030-01-15',
      ['1:00 PM', '1:40 PM', '2:20 PM', '3:00 PM', '3:40 PM', '4:20 PM'],
    ]);
  });
});
