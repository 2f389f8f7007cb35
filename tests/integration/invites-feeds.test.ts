import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { asc, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as feedRoute from '../../app/routes/$org.calendar.$feed';
import * as bookingDownload from '../../app/routes/$org.dashboard.bookings.$id.ics';
import * as myCalendar from '../../app/routes/$org.dashboard.calendar';
import * as resourcePage from '../../app/routes/$org.admin.resources.$id';
import type { Actor } from '../../core/actor';
import { inviteUid } from '../../core/calendar-invite';
import { transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { createBooking, updateBooking } from '../../db/operations/bookings/bookings';
import { cancelRegistration, registerForSession } from '../../db/operations/registrations/registrations';
import { emailMessages, workshopSessions } from '../../db/schema/index';
import { createDispatcher } from '../../workers/dispatch';
import { createDevMailbox } from '../../workers/mailer/dev-mailbox';
import { startRelay, type Relay } from '../../workers/relay';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { parseWithIcalJs, parseWithNodeIcal } from '../support/ical-parsers';
import { loadContext, memberWithSession, request, respond, TEST_ORIGIN } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

type Args = LoaderFunctionArgs & ActionFunctionArgs;

let database: TestDatabase;
let context: AppLoadContext;
let oolite: OrgFixture;
let relay: Relay;

const call = (
  handler: unknown,
  path: string,
  params: Record<string, string>,
  options: Parameters<typeof request>[1] = {},
) =>
  respond(() =>
    (handler as (args: Args) => Promise<unknown>)({ request: request(path, options), params, context } as Args),
  );

/** A calendar app's poll, optionally with the ETag it kept. */
function poll(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const path = new URL(url).pathname;
  const [, org, , feed] = path.split('/');
  const req = new Request(`${TEST_ORIGIN}${path}`, { method, headers });
  return respond(() =>
    feedRoute.loader({ request: req, params: { org, feed }, context } as unknown as LoaderFunctionArgs),
  );
}

async function issueFeed(cookie: string): Promise<string> {
  const response = await call(
    myCalendar.action,
    '/oolite/dashboard/calendar',
    { org: 'oolite' },
    {
      cookie,
      form: { intent: 'feed-issue' },
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()).issued.https;
}

async function deliver() {
  await relay.pump();
  await relay.idle();
}

const mailFor = (address: string) =>
  database.db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.toAddress, address))
    .orderBy(asc(emailMessages.createdAt));

const userActor = (id: string): Actor => ({ type: 'user', id, role: 'resident' });

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  relay = await startRelay({
    db: database.db,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 3_600_000,
    concurrency: 1,
    deliver: createDispatcher({
      db: database.db,
      mailer: createDevMailbox(database.db),
      from: 'Oolite <no-reply@oolite.example>',
    }),
  });
});
afterAll(async () => {
  await relay?.stop(100);
  await database?.close();
});

describe('feeds answer conditional requests', () => {
  it('ETag and Last-Modified; If-None-Match gets a bodiless 304 until something changes; HEAD has the length', async () => {
    const ana = await memberWithSession(context, oolite.org.id, 'ana@oolite.test', 'resident');
    const kiln = await createTestResource(database.db, oolite.org.id, { title: 'Kiln room' });
    const booking = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(ana.user.id),
      input: {
        resourceId: kiln.id,
        title: 'Glaze firing',
        startsAt: '2030-03-05T15:00:00Z',
        endsAt: '2030-03-05T17:00:00Z',
      },
    });
    const url = await issueFeed(ana.cookie);
    const first = await poll(url);
    expect(first.status).toBe(200);
    const body = await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('last-modified')).toBe(booking.updatedAt.toUTCString());
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(body, 'utf8')));

    const head = await poll(url, {}, 'HEAD');
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(body, 'utf8')));
    expect(head.headers.get('etag')).toBe(etag);

    const unchanged = await poll(url, { 'If-None-Match': `W/${etag}, "other"` });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);

    await updateBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(ana.user.id),
      id: booking.id,
      patch: { title: 'Glaze firing, second round' },
    });
    const changed = await poll(url, { 'If-None-Match': etag ?? '' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('an empty personal feed is a valid calendar that parsers read as no events', async () => {
    const bo = await memberWithSession(context, oolite.org.id, 'bo@oolite.test', 'resident');
    const response = await poll(await issueFeed(bo.cookie));
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('X-WR-CALNAME:oolite arts — my calendar');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(parseWithIcalJs(text)).toEqual([]);
    expect(parseWithNodeIcal(text)).toEqual([]);
  });
});

describe('one calendar per person', () => {
  it('the feed never shows a SEQUENCE below what was emailed; choosing the feed stops new invites, not cancellations', async () => {
    const cy = await memberWithSession(context, oolite.org.id, 'cy@oolite.test', 'resident');
    const room = await createTestResource(database.db, oolite.org.id, { title: 'Darkroom' });
    const { session } = await createWorkshopWithSession(database.db, {
      orgId: oolite.org.id,
      resourceId: room.id,
      slug: 'cyanotype',
      capacity: 3,
      startsAt: '2030-03-10T22:00:00Z',
      endsAt: '2030-03-11T00:00:00Z',
    });
    const base = { orgId: oolite.org.id, audience: 'member' as const, baseUrl: TEST_ORIGIN, sessionId: session.id };
    const seat = { ...base, name: 'Cy', email: 'cy@oolite.test', userId: cy.user.id };
    const first = await registerForSession(database.db, seat);
    await deliver();
    await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: first.registration.id,
      userId: cy.user.id,
      baseUrl: TEST_ORIGIN,
    });
    await deliver();
    const again = await registerForSession(database.db, seat);
    await deliver();
    const emailed = (await mailFor('cy@oolite.test')).map((m) => parseWithIcalJs(m.attachments[0].content)[0].sequence);
    expect(emailed).toEqual([0, 1, 2]);

    const url = await issueFeed(cy.cookie);
    const [event] = parseWithIcalJs(await (await poll(url)).text());
    expect(event.uid).toBe(inviteUid('session', session.id));
    expect(event.sequence).toBe(2); // the booking's own is still 0

    const stop = await call(
      myCalendar.action,
      '/oolite/dashboard/calendar',
      { org: 'oolite' },
      {
        cookie: cy.cookie,
        form: { intent: 'feed-invites-off' },
      },
    );
    expect((await stop.json()).live.replacesInvites).toBe(true);
    // Reset keeps the choice.
    const reset = await call(
      myCalendar.action,
      '/oolite/dashboard/calendar',
      { org: 'oolite' },
      {
        cookie: cy.cookie,
        form: { intent: 'feed-issue' },
      },
    );
    expect((await reset.json()).live.replacesInvites).toBe(true);

    const other = await createWorkshopWithSession(database.db, {
      orgId: oolite.org.id,
      resourceId: room.id,
      slug: 'salt-prints',
      capacity: 3,
      startsAt: '2030-03-17T22:00:00Z',
      endsAt: '2030-03-18T00:00:00Z',
    });
    const second = await registerForSession(database.db, { ...seat, sessionId: other.session.id });
    await deliver();
    let mail = await mailFor('cy@oolite.test');
    expect(mail.at(-1)?.subject).toBe("You're registered: Workshop salt-prints");
    expect(mail.at(-1)?.attachments).toEqual([]);
    expect(mail.at(-1)?.text).not.toContain('invite is attached');

    // The dev mailbox keeps the message as SMTP would send it.
    const [row] = await mailFor('cy@oolite.test');
    expect(row.rawMessage).toContain('Content-Type: multipart/mixed');
    expect(row.mimeTree?.children?.[0]?.children?.map((part) => part.contentType)).toEqual([
      'text/plain',
      'text/html',
      'text/calendar',
    ]);

    await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: second.registration.id,
      userId: cy.user.id,
      baseUrl: TEST_ORIGIN,
    });
    await deliver();
    mail = await mailFor('cy@oolite.test');
    expect(mail.at(-1)?.attachments).toEqual([]); // never sent a REQUEST for this one: nothing to cancel
    // The invite Cy already holds (sent before the choice) is still kept right: moved, then taken back.
    const [sessionRow] = await database.db.select().from(workshopSessions).where(eq(workshopSessions.id, session.id));
    await updateBooking(database.db, {
      orgId: oolite.org.id,
      actor: ADMIN_ACTOR,
      id: sessionRow.bookingId,
      patch: { startsAt: '2030-03-11T22:00:00Z', endsAt: '2030-03-12T00:00:00Z' },
    });
    await deliver();
    mail = await mailFor('cy@oolite.test');
    expect(parseWithIcalJs(mail.at(-1)?.attachments[0]?.content ?? '')[0]).toMatchObject({
      method: 'REQUEST',
      sequence: 3,
    });
    await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: again.registration.id,
      userId: cy.user.id,
      baseUrl: TEST_ORIGIN,
    });
    await deliver();
    mail = await mailFor('cy@oolite.test');
    expect(parseWithIcalJs(mail.at(-1)?.attachments[0]?.content ?? '')[0]).toMatchObject({
      method: 'CANCEL',
      sequence: 4,
    });

    // Turning the feed off brings the invites back.
    await call(
      myCalendar.action,
      '/oolite/dashboard/calendar',
      { org: 'oolite' },
      {
        cookie: cy.cookie,
        form: { intent: 'feed-off' },
      },
    );
    await registerForSession(database.db, { ...seat, sessionId: other.session.id });
    await deliver();
    mail = await mailFor('cy@oolite.test');
    expect(mail.at(-1)?.attachments.map((a) => a.contentType)).toEqual([
      'text/calendar; charset=utf-8; method=REQUEST',
    ]);
  });

  it('refuses the choice without a personal feed, naming why', async () => {
    const fay = await memberWithSession(context, oolite.org.id, 'fay@oolite.test', 'staff');
    const noFeed = await call(
      myCalendar.action,
      '/oolite/dashboard/calendar',
      { org: 'oolite' },
      {
        cookie: fay.cookie,
        form: { intent: 'feed-invites-off' },
      },
    );
    expect([noFeed.status, (await noFeed.json()).error]).toEqual([409, 'Turn the calendar link on first']);
    const studio = await createTestResource(database.db, oolite.org.id, { title: 'Studio 9' });
    const path = `/oolite/admin/resources/${studio.id}`;
    const params = { org: 'oolite', id: studio.id };
    await call(resourcePage.action, path, params, { cookie: fay.cookie, form: { intent: 'feed-issue' } });
    const onResource = await call(resourcePage.action, path, params, {
      cookie: fay.cookie,
      form: { intent: 'feed-invites-off' },
    });
    expect([onResource.status, (await onResource.json()).error]).toEqual([
      422,
      'replacesInvites: only a personal calendar can stand in for emailed invites',
    ]);
  });

  it('a downloaded request awaiting approval is taken back with a CANCEL when it is declined', async () => {
    const dee = await memberWithSession(context, oolite.org.id, 'dee@oolite.test', 'resident');
    const press = await createTestResource(database.db, oolite.org.id, { title: 'Press', requiresApproval: true });
    const booking = await createBooking(database.db, {
      orgId: oolite.org.id,
      actor: userActor(dee.user.id),
      input: {
        resourceId: press.id,
        title: 'Proofing',
        startsAt: '2030-04-02T14:00:00Z',
        endsAt: '2030-04-02T16:00:00Z',
      },
    });
    const download = await call(
      bookingDownload.loader,
      `/oolite/dashboard/bookings/${booking.id}.ics`,
      {
        org: 'oolite',
        id: booking.id,
      },
      { cookie: dee.cookie },
    );
    const [tentative] = parseWithIcalJs(await download.text());
    expect(tentative.status).toBe('TENTATIVE');
    await transitionBooking(database.db, 'decline', {
      orgId: oolite.org.id,
      actor: ADMIN_ACTOR,
      id: booking.id,
      reason: 'Closed for repairs',
    });
    await deliver();
    const declined = (await mailFor('dee@oolite.test')).at(-1);
    expect(declined?.subject).toBe('Declined: Proofing');
    const [cancel] = parseWithIcalJs(declined?.attachments[0]?.content ?? '');
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: tentative.uid });
    expect(cancel.sequence).toBeGreaterThan(tentative.sequence);
  });
});
