import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as feedRoute from '../../app/routes/$org.calendar.$feed';
import * as myCalendar from '../../app/routes/$org.dashboard.calendar';
import * as resourcePage from '../../app/routes/$org.admin.resources.$id';
import { cancelRegistration, registerForSession } from '../../db/operations/registrations/registrations';
import { createBooking, updateBooking } from '../../db/operations/bookings/bookings';
import { changeMemberRole } from '../../db/operations/accounts/memberships';
import { auditLog, calendarFeeds } from '../../db/schema/index';
import type { Actor } from '../../core/actor';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond, TEST_ORIGIN } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

type Args = LoaderFunctionArgs & ActionFunctionArgs;

let database: TestDatabase;
let context: AppLoadContext;
let oolite: OrgFixture;
let bakehouse: OrgFixture;

async function call(
  handler: unknown,
  path: string,
  params: Record<string, string>,
  options: Parameters<typeof request>[1] = {},
): Promise<Response> {
  return respond(() =>
    (handler as (args: Args) => Promise<unknown>)({ request: request(path, options), params, context } as Args),
  );
}

/** Fetches a feed by its https address, as a calendar app would: no cookie. */
async function fetchFeed(url: string): Promise<Response> {
  const path = new URL(url).pathname;
  const [, org, , feed] = path.split('/');
  return call(feedRoute.loader, path, { org, feed });
}

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  start: string;
  status: string;
  utc: boolean;
}

async function parseFeed(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=PUBLISH');
  expect(response.headers.get('cache-control')).toMatch(/^private/);
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  const events: ParsedEvent[] = calendar.getAllSubcomponents('vevent').map((e) => {
    const start = e.getFirstPropertyValue('dtstart') as ICAL.Time;
    return {
      uid: String(e.getFirstPropertyValue('uid')),
      sequence: Number(e.getFirstPropertyValue('sequence')),
      summary: String(e.getFirstPropertyValue('summary')),
      start: start.toJSDate().toISOString(),
      status: String(e.getFirstPropertyValue('status')),
      utc: start.zone?.tzid === 'UTC',
    };
  });
  return {
    method: calendar.getFirstPropertyValue('method'),
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events,
  };
}

/** Turns a feed on (or resets it) through the page, returning the addresses shown once. */
async function issueFrom(handler: unknown, path: string, params: Record<string, string>, cookie: string) {
  const response = await call(handler, path, params, { cookie, form: { intent: 'feed-issue' } });
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body.issued.webcal).toBe(body.issued.https.replace(/^http:\/\//, 'webcal://'));
  return body.issued as { https: string; webcal: string };
}

const userActor = (id: string, role: Actor['role'] = 'resident'): Actor => ({ type: 'user', id, role });

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  bakehouse = await createOrgWithKeys(database.db, 'bakehouse');
});
afterAll(() => database?.close());

describe('a person’s own calendar feed', () => {
  let ana: Awaited<ReturnType<typeof memberWithSession>>;
  let feedUrl: string;
  let ids: { ownBooking: string; pendingBooking: string; sessionId: string; sessionBookingId: string };

  beforeAll(async () => {
    ana = await memberWithSession(context, oolite.org.id, 'ana@oolite.test', 'resident');
    const bo = await memberWithSession(context, oolite.org.id, 'bo@oolite.test', 'resident');
    const kiln = await createTestResource(database.db, oolite.org.id, { title: 'Kiln room' });
    const darkroom = await createTestResource(database.db, oolite.org.id, { title: 'Darkroom' });
    // Ana's: a confirmed booking, a request awaiting approval, a cancelled one, a seat, a waitlist place.
    const own = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(ana.user.id),
      input: {
        resourceId: kiln.id,
        title: 'Glaze firing',
        startsAt: '2030-03-05T15:00:00Z',
        endsAt: '2030-03-05T17:00:00Z',
      },
    });
    const pending = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(ana.user.id),
      input: {
        resourceId: kiln.id,
        title: 'Bisque firing',
        status: 'pending',
        startsAt: '2030-03-06T15:00:00Z',
        endsAt: '2030-03-06T17:00:00Z',
      },
    });
    const gone = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(ana.user.id),
      input: {
        resourceId: kiln.id,
        title: 'Cancelled firing',
        startsAt: '2030-03-07T15:00:00Z',
        endsAt: '2030-03-07T17:00:00Z',
      },
    });
    const { transitionBooking } = await import('../../db/operations/bookings/booking-transitions');
    await transitionBooking(database.db, 'cancel', {
      orgId: oolite.org.id,
      actor: userActor(ana.user.id),
      id: gone.id,
    });
    const { session, booking } = await createWorkshopWithSession(database.db, {
      orgId: oolite.org.id,
      resourceId: darkroom.id,
      slug: 'cyanotype',
      capacity: 1,
      startsAt: '2030-03-10T22:00:00Z',
      endsAt: '2030-03-11T00:00:00Z',
    });
    const full = await createWorkshopWithSession(database.db, {
      orgId: oolite.org.id,
      resourceId: darkroom.id,
      slug: 'full',
      capacity: 1,
      startsAt: '2030-03-12T22:00:00Z',
      endsAt: '2030-03-13T00:00:00Z',
    });
    const base = { orgId: oolite.org.id, audience: 'member' as const, baseUrl: TEST_ORIGIN };
    await registerForSession(database.db, {
      ...base,
      sessionId: session.id,
      name: 'Ana',
      email: 'ana@oolite.test',
      userId: ana.user.id,
    });
    await registerForSession(database.db, {
      ...base,
      sessionId: full.session.id,
      name: 'Bo',
      email: 'bo@oolite.test',
      userId: bo.user.id,
    });
    await registerForSession(database.db, {
      ...base,
      sessionId: full.session.id,
      name: 'Ana',
      email: 'ana@oolite.test',
      userId: ana.user.id,
    });
    // Not Ana's: Bo's booking, and Ana's own registration in another organization.
    await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(bo.user.id),
      input: {
        resourceId: kiln.id,
        title: 'Bo firing',
        startsAt: '2030-03-08T15:00:00Z',
        endsAt: '2030-03-08T17:00:00Z',
      },
    });
    const elsewhere = await createTestResource(database.db, bakehouse.org.id, { title: 'Press room' });
    const other = await createWorkshopWithSession(database.db, {
      orgId: bakehouse.org.id,
      resourceId: elsewhere.id,
      slug: 'etching',
      capacity: 5,
      startsAt: '2030-03-09T22:00:00Z',
      endsAt: '2030-03-10T00:00:00Z',
    });
    await registerForSession(database.db, {
      orgId: bakehouse.org.id,
      audience: 'public',
      baseUrl: TEST_ORIGIN,
      sessionId: other.session.id,
      name: 'Ana',
      email: 'ana@oolite.test',
      userId: ana.user.id,
    });
    ids = { ownBooking: own.id, pendingBooking: pending.id, sessionId: session.id, sessionBookingId: booking.id };
  });

  it('is off until turned on, and needs a signed-in person', async () => {
    const anonymous = await call(myCalendar.loader, '/oolite/dashboard/calendar', { org: 'oolite' });
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([
      302,
      '/login?redirectTo=%2Foolite%2Fdashboard%2Fcalendar',
    ]);
    const page = await (
      await call(myCalendar.loader, '/oolite/dashboard/calendar', { org: 'oolite' }, { cookie: ana.cookie })
    ).json();
    expect(page.live).toBeNull();
  });

  it('publishes exactly the person’s bookings and seats in this organization, in UTC, with the invites’ UIDs', async () => {
    feedUrl = (await issueFrom(myCalendar.action, '/oolite/dashboard/calendar', { org: 'oolite' }, ana.cookie)).https;
    expect(feedUrl).toMatch(/^http:\/\/localhost:3000\/oolite\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await parseFeed(await fetchFeed(feedUrl));
    expect(feed.method).toBe('PUBLISH');
    expect(feed.name).toBe('oolite arts — my calendar');
    expect(feed.events.map((e) => [e.uid, e.summary, e.start, e.status, e.utc])).toEqual([
      [`booking-${ids.ownBooking}@infra24`, 'Glaze firing', '2030-03-05T15:00:00.000Z', 'CONFIRMED', true],
      [`booking-${ids.pendingBooking}@infra24`, 'Bisque firing', '2030-03-06T15:00:00.000Z', 'TENTATIVE', true],
      [`session-${ids.sessionId}@infra24`, 'Workshop cyanotype', '2030-03-10T22:00:00.000Z', 'CONFIRMED', true],
    ]);
  });

  it('keeps a moved session’s UID and raises its SEQUENCE; a cancelled seat leaves the feed', async () => {
    const before = (await parseFeed(await fetchFeed(feedUrl))).events.find(
      (e) => e.uid === `session-${ids.sessionId}@infra24`,
    )!;
    await updateBooking(database.db, {
      orgId: oolite.org.id,
      actor: STAFF_ACTOR,
      id: ids.sessionBookingId,
      patch: { startsAt: '2030-03-17T22:00:00Z', endsAt: '2030-03-18T00:00:00Z' },
    });
    const after = (await parseFeed(await fetchFeed(feedUrl))).events.find((e) => e.uid === before.uid)!;
    expect([after.start, after.sequence]).toEqual(['2030-03-17T22:00:00.000Z', before.sequence + 1]);
  });

  it('shows the address only once: the page and the database never hold the token', async () => {
    const page = await (
      await call(myCalendar.loader, '/oolite/dashboard/calendar', { org: 'oolite' }, { cookie: ana.cookie })
    ).text();
    const token = feedUrl.split('/').pop()!.replace('.ics', '');
    expect(page).not.toContain(token);
    expect(JSON.parse(page).live.lastUsedAt).not.toBeNull();
    const rows = await database.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, ana.user.id));
    expect(rows.map((r) => r.tokenHash)).not.toContain(token);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 404 to an unknown token, to a token under another organization, and to a malformed name', async () => {
    const token = feedUrl.split('/').pop()!;
    expect(
      (await call(feedRoute.loader, '/oolite/calendar/x.ics', { org: 'oolite', feed: `${'a'.repeat(43)}.ics` })).status,
    ).toBe(404);
    expect(
      (await call(feedRoute.loader, `/bakehouse/calendar/${token}`, { org: 'bakehouse', feed: token })).status,
    ).toBe(404);
    expect(
      (await call(feedRoute.loader, '/oolite/calendar/x', { org: 'oolite', feed: token.replace('.ics', '') })).status,
    ).toBe(404);
  });

  it('reset stops the old address at once and issues a new one; turning off stops it', async () => {
    const reset = await issueFrom(myCalendar.action, '/oolite/dashboard/calendar', { org: 'oolite' }, ana.cookie);
    expect(reset.https).not.toBe(feedUrl);
    expect((await fetchFeed(feedUrl)).status).toBe(404);
    // Opened in a browser, a reset address and one that never was show the same page, with the same status.
    const inBrowser = async (path: string) => {
      const [, org, , feed] = path.split('/');
      const response = await respond(() =>
        feedRoute.loader({
          request: new Request(`${TEST_ORIGIN}${path}`, { headers: { accept: 'text/html,application/xhtml+xml' } }),
          params: { org, feed },
          context,
        } as Args),
      );
      return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
    };
    const resetPage = await inBrowser(new URL(feedUrl).pathname);
    expect(resetPage).toEqual(await inBrowser(`/oolite/calendar/${'a'.repeat(43)}.ics`));
    expect([resetPage.status, resetPage.type]).toEqual([404, 'text/html; charset=utf-8']);
    expect(resetPage.html).toContain(
      '<h1 class="text-2xl font-bold tracking-tight sm:text-3xl">This calendar link is not valid</h1>',
    );
    expect(resetPage.html).toContain('href="/oolite/dashboard/calendar"');
    expect((await parseFeed(await fetchFeed(reset.https))).events).toHaveLength(3);
    const live = await database.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, ana.user.id));
    expect(live.filter((r) => r.revokedAt === null)).toHaveLength(1);
    const actions = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityType, 'calendar_feed'));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['calendar_feed.created', 'calendar_feed.reset']),
    );

    const off = await call(
      myCalendar.action,
      '/oolite/dashboard/calendar',
      { org: 'oolite' },
      { cookie: ana.cookie, form: { intent: 'feed-off' } },
    );
    expect([off.status, (await off.json()).live]).toEqual([200, null]);
    expect((await fetchFeed(reset.https)).status).toBe(404);
  });

  it('refuses an unknown intent, naming it', async () => {
    const response = await call(
      myCalendar.action,
      '/oolite/dashboard/calendar',
      { org: 'oolite' },
      { cookie: ana.cookie, form: { intent: 'share' } },
    );
    expect([response.status, (await response.json()).error]).toEqual([
      422,
      'intent: choose feed-issue, feed-off, feed-invites-off or feed-invites-on',
    ]);
  });

  it('drops a seat that was given up', async () => {
    const url = (await issueFrom(myCalendar.action, '/oolite/dashboard/calendar', { org: 'oolite' }, ana.cookie)).https;
    const [registration] = await database.db.query.workshopRegistrations.findMany({
      where: (r, { and: all, eq: is }) => all(is(r.sessionId, ids.sessionId), is(r.userId, ana.user.id)),
    });
    await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: registration.id,
      actor: ADMIN_ACTOR,
      baseUrl: TEST_ORIGIN,
    });
    const uids = (await parseFeed(await fetchFeed(url))).events.map((e) => e.uid);
    expect(uids).not.toContain(`session-${ids.sessionId}@infra24`);
  });
});

describe('a resource feed for staff', () => {
  let staff: Awaited<ReturnType<typeof memberWithSession>>;
  let resident: Awaited<ReturnType<typeof memberWithSession>>;
  let otherStaff: Awaited<ReturnType<typeof memberWithSession>>;
  let studioId: string;
  let path: string;
  let bookingIds: { confirmed: string; pending: string };

  beforeAll(async () => {
    staff = await memberWithSession(context, oolite.org.id, 'sam@oolite.test', 'staff');
    resident = await memberWithSession(context, oolite.org.id, 'rae@oolite.test', 'resident');
    otherStaff = await memberWithSession(context, bakehouse.org.id, 'max@bakehouse.test', 'staff');
    const studio = await createTestResource(database.db, oolite.org.id, { title: 'Print studio' });
    const elsewhere = await createTestResource(database.db, oolite.org.id, { title: 'Wood shop' });
    studioId = studio.id;
    path = `/oolite/admin/resources/${studioId}`;
    const confirmed = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(resident.user.id),
      input: {
        resourceId: studio.id,
        title: 'Rae printing',
        startsAt: '2030-04-02T14:00:00Z',
        endsAt: '2030-04-02T16:00:00Z',
      },
    });
    const pending = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(resident.user.id),
      input: {
        resourceId: studio.id,
        title: 'Rae proofing',
        status: 'pending',
        startsAt: '2030-04-03T14:00:00Z',
        endsAt: '2030-04-03T16:00:00Z',
      },
    });
    await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: STAFF_ACTOR,
      input: {
        resourceId: elsewhere.id,
        title: 'Other room',
        startsAt: '2030-04-02T14:00:00Z',
        endsAt: '2030-04-02T16:00:00Z',
      },
    });
    bookingIds = { confirmed: confirmed.id, pending: pending.id };
  });

  it('is for staff of the organization only', async () => {
    expect(
      (
        await call(
          resourcePage.action,
          path,
          { org: 'oolite', id: studioId },
          { cookie: resident.cookie, form: { intent: 'feed-issue' } },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          resourcePage.action,
          path,
          { org: 'oolite', id: studioId },
          { cookie: otherStaff.cookie, form: { intent: 'feed-issue' } },
        )
      ).status,
    ).toBe(404);
    // Staff of another organization cannot reach this resource through their own organization either.
    expect(
      (
        await call(
          resourcePage.action,
          `/bakehouse/admin/resources/${studioId}`,
          { org: 'bakehouse', id: studioId },
          { cookie: otherStaff.cookie, form: { intent: 'feed-issue' } },
        )
      ).status,
    ).toBe(404);
    // Staff see the page (and its link) but cannot edit the resource.
    const page = await (
      await call(resourcePage.loader, path, { org: 'oolite', id: studioId }, { cookie: staff.cookie })
    ).json();
    expect([page.canEdit, page.feed]).toEqual([false, null]);
    expect(
      (
        await call(
          resourcePage.action,
          path,
          { org: 'oolite', id: studioId },
          { cookie: staff.cookie, form: { title: 'Renamed' } },
        )
      ).status,
    ).toBe(403);
  });

  it('publishes the resource’s confirmed and pending bookings, and stops when its creator is no longer staff', async () => {
    const { https } = await issueFrom(resourcePage.action, path, { org: 'oolite', id: studioId }, staff.cookie);
    const feed = await parseFeed(await fetchFeed(https));
    expect(feed.name).toBe('Print studio — oolite arts');
    expect(feed.events.map((e) => [e.uid, e.summary, e.status])).toEqual([
      [`booking-${bookingIds.confirmed}@infra24`, 'Rae printing', 'CONFIRMED'],
      [`booking-${bookingIds.pending}@infra24`, 'Rae proofing', 'TENTATIVE'],
    ]);
    await changeMemberRole(database.db, {
      orgId: oolite.org.id,
      actor: ADMIN_ACTOR,
      userId: staff.user.id,
      role: 'resident',
    });
    expect((await fetchFeed(https)).status).toBe(404);
    await changeMemberRole(database.db, {
      orgId: oolite.org.id,
      actor: ADMIN_ACTOR,
      userId: staff.user.id,
      role: 'staff',
    });
    expect((await fetchFeed(https)).status).toBe(200);
  });

  it('is separate from the same person’s own feed, and reset/turn off work there too', async () => {
    const own = await issueFrom(myCalendar.action, '/oolite/dashboard/calendar', { org: 'oolite' }, staff.cookie);
    const first = await issueFrom(resourcePage.action, path, { org: 'oolite', id: studioId }, staff.cookie);
    expect((await fetchFeed(own.https)).status).toBe(200);
    const second = await issueFrom(resourcePage.action, path, { org: 'oolite', id: studioId }, staff.cookie);
    expect([(await fetchFeed(first.https)).status, (await fetchFeed(second.https)).status]).toEqual([404, 200]);
    await call(
      resourcePage.action,
      path,
      { org: 'oolite', id: studioId },
      { cookie: staff.cookie, form: { intent: 'feed-off' } },
    );
    expect([(await fetchFeed(second.https)).status, (await fetchFeed(own.https)).status]).toEqual([404, 200]);
  });
});
