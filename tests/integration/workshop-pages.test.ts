import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as editPage from '../../app/routes/$org.admin.workshops.$id';
import * as newPage from '../../app/routes/$org.admin.workshops.new';
import * as rosterCsv from '../../app/routes/$org.admin.workshops.roster-csv.$sessionId';
import * as rosterPage from '../../app/routes/$org.admin.workshops.sessions.$sessionId';
import * as dashboardPage from '../../app/routes/$org.dashboard.workshops';
import * as managePage from '../../app/routes/$org.registrations.$token';
import * as offerPage from '../../app/routes/$org.offers.$token';
import * as catalogPage from '../../app/routes/$org.workshops._index';
import * as staffListPage from '../../app/routes/$org.admin.workshops._index';
import * as workshopPage from '../../app/routes/$org.workshops.$slug';
import { eventsJsonLd } from '../../app/components/json-ld';
import { hashToken } from '../../db/operations/accounts/auth-sessions';
import { createBooking } from '../../db/operations/bookings/bookings';
import { addWorkshopSession, createWorkshop } from '../../db/operations/workshops/workshops';
import {
  auditLog,
  integrationOutbox,
  users,
  workshopRegistrations,
  workshops,
  workshopSessions,
} from '../../db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond, TEST_ORIGIN } from '../support/remix';
import { parseConfig } from '../../config/env';

type Args = LoaderFunctionArgs & ActionFunctionArgs;
const XSS =
  '<p>Clay <em>basics</em></p><script>window.pwned=1</script><img src=x onerror="window.pwned=1"><a href="javascript:alert(1)">click</a>';

let database: TestDatabase;
let context: AppLoadContext;
let oolite: OrgFixture;
let staffCookie: string;
let roomId: string;
let workshopId: string;
let sessionId: string;

async function call(
  handler: unknown,
  path: string,
  params: Record<string, string>,
  options: Parameters<typeof request>[1] = {},
): Promise<Response> {
  return respond(() =>
    (handler as (args: Args) => Promise<unknown>)({
      request: request(path, options),
      params: { org: 'oolite', ...params },
      // One context per request, as the server makes it.
      context: { ...context },
    } as Args),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  roomId = (await createTestResource(database.db, oolite.org.id, { title: 'Classroom 1' })).id;
  staffCookie = (await memberWithSession(context, oolite.org.id, 'staff@oolite.test', 'staff')).cookie;
  // In the way of the second session staff will try to add.
  await createBooking(database.db, {
    orgId: oolite.org.id,
    actor: STAFF_ACTOR,
    input: {
      resourceId: roomId,
      title: 'Board meeting',
      startsAt: '2030-05-08T22:00:00Z',
      endsAt: '2030-05-08T23:00:00Z',
    },
  });
});
afterAll(() => database?.close());

describe('staff set up a workshop', () => {
  it('creates it with the description sanitized on save', async () => {
    const response = await call(
      newPage.action,
      '/oolite/admin/workshops/new',
      {},
      {
        cookie: staffCookie,
        form: {
          intent: 'save',
          title: 'Wheel Throwing',
          description: XSS,
          capacity: '2',
          tags: 'Ceramics, adults',
          isPublic: 'on',
          published: 'on',
          registrationMode: 'per_session',
        },
      },
    );
    expect(response.status).toBe(302);
    const [workshop] = await database.db.select().from(workshops).where(eq(workshops.slug, 'wheel-throwing'));
    workshopId = workshop.id;
    expect(response.headers.get('location')).toBe(`/oolite/admin/workshops/${workshop.id}`);
    expect(workshop.tags).toEqual(['ceramics', 'adults']);
    expect(workshop.descriptionHtml).not.toMatch(/script|onerror|javascript:/);
    expect(workshop.descriptionHtml).toContain('<em>basics</em>');
  });

  it('names the field when the title is missing or the slug is taken', async () => {
    const missing = await call(
      newPage.action,
      '/oolite/admin/workshops/new',
      {},
      { cookie: staffCookie, form: { capacity: '0' } },
    );
    expect(missing.status).toBe(422);
    expect(Object.keys((await missing.json()).error).sort()).toEqual(['capacity', 'title']);
    const taken = await call(
      newPage.action,
      '/oolite/admin/workshops/new',
      {},
      { cookie: staffCookie, form: { title: 'Other', slug: 'wheel-throwing', capacity: '3' } },
    );
    expect([taken.status, (await taken.json()).error.slug]).toEqual([409, ['is already used by another workshop']]);
  });

  it('adds a session in the org time zone as a confirmed booking, and names the booking in the way', async () => {
    const path = `/oolite/admin/workshops/${workshopId}`;
    const added = await call(
      editPage.action,
      path,
      { id: workshopId },
      {
        cookie: staffCookie,
        form: { intent: 'add-session', resourceId: roomId, startsAt: '2030-05-07T18:00', endsAt: '2030-05-07T20:00' },
      },
    );
    expect([added.status, (await added.json()).session.ok]).toEqual([200, true]);
    const [session] = await database.db
      .select()
      .from(workshopSessions)
      .where(eq(workshopSessions.workshopId, workshopId));
    sessionId = session.id;
    const page = await (await call(editPage.loader, path, { id: workshopId }, { cookie: staffCookie })).json();
    // 18:00 in New York in May is 22:00 UTC.
    expect(page.sessions).toEqual([
      {
        id: session.id,
        when: 'Tue, May 7, 2030, 6:00 – 8:00 PM',
        resource: 'Classroom 1',
        status: 'confirmed',
        capacity: 2,
        taken: 0,
        waitlist: 0,
      },
    ]);

    const clash = await call(
      editPage.action,
      path,
      { id: workshopId },
      {
        cookie: staffCookie,
        form: { intent: 'add-session', resourceId: roomId, startsAt: '2030-05-08T18:30', endsAt: '2030-05-08T20:00' },
      },
    );
    expect(clash.status).toBe(409);
    expect((await clash.json()).session.message).toBe(
      'The room is already booked then by "Board meeting" (Wed, May 8, 2030, 6:00 – 7:00 PM)',
    );
    expect(
      await database.db.select().from(workshopSessions).where(eq(workshopSessions.workshopId, workshopId)),
    ).toHaveLength(1);

    const backwards = await call(
      editPage.action,
      path,
      { id: workshopId },
      {
        cookie: staffCookie,
        form: { intent: 'add-session', resourceId: roomId, startsAt: '2030-05-09T18:00', endsAt: '2030-05-09T17:00' },
      },
    );
    expect([backwards.status, Object.keys((await backwards.json()).session.fields)]).toEqual([422, ['endsAt']]);
  });
});

describe('the public finds and registers', () => {
  let manageLocation: string;

  it('lists the workshop with filters, seats left, and meta for sharing', async () => {
    const data = await (await call(catalogPage.loader, '/oolite/workshops', {})).json();
    expect(data.workshops.map((w: { title: string }) => w.title)).toEqual(['Wheel Throwing']);
    expect(data.workshops[0].sessions[0]).toMatchObject({
      day: 'Tue, May 7, 2030',
      time: '6:00 – 8:00 PM',
      seatsLeft: 2,
    });
    const filtered = async (query: string) =>
      (await (await call(catalogPage.loader, `/oolite/workshops?${query}`, {})).json()).workshops.length;
    expect(await filtered('tag=ceramics')).toBe(1);
    expect(await filtered('tag=painting')).toBe(0);
    expect(await filtered('q=wheel')).toBe(1);
    expect(await filtered('q=glass')).toBe(0);
    expect(await filtered('from=2030-05-07&to=2030-05-07')).toBe(1);
    expect(await filtered('from=2030-05-08')).toBe(0);
    expect(await filtered('seats=1&from=not-a-date')).toBe(1);

    const meta = catalogPage.meta({ data } as Parameters<typeof catalogPage.meta>[0]);
    expect(meta).toEqual(
      expect.arrayContaining([
        { title: 'Workshops at oolite arts' },
        { property: 'og:title', content: 'Workshops at oolite arts' },
      ]),
    );
    const [event] = eventsJsonLd(data.org, data.workshops);
    expect(event).toMatchObject({
      '@type': 'Event',
      name: 'Wheel Throwing',
      startDate: '2030-05-07T22:00:00.000Z',
      offers: { availability: 'https://schema.org/InStock' },
    });
  });

  it('shows a description that was stored unsafe as inert HTML', async () => {
    // Written behind the save path's back: the page must still sanitize on the way out.
    await database.db.update(workshops).set({ descriptionHtml: XSS }).where(eq(workshops.id, workshopId));
    const data = await (
      await call(workshopPage.loader, '/oolite/workshops/wheel-throwing', { slug: 'wheel-throwing' })
    ).json();
    expect(data.workshop.descriptionHtml).toBe(
      '<p>Clay <em>basics</em></p><a rel="noopener noreferrer nofollow" target="_blank">click</a>',
    );
    expect(data.workshop.summary).toBe('Clay basics click');
  });

  it('registers a guest, who gets a user row to claim later and a private manage page', async () => {
    const response = await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      {
        form: { sessionId, name: 'Rosa Díaz', email: 'Rosa@example.org' },
      },
    );
    expect(response.status).toBe(302);
    manageLocation = response.headers.get('location')!;
    expect(manageLocation).toMatch(/^\/oolite\/registrations\/[\w-]{43}$/);
    const [guest] = await database.db.select().from(users).where(eq(users.email, 'rosa@example.org'));
    expect([guest.name, guest.passwordHash]).toEqual(['Rosa Díaz', null]);
    const token = manageLocation.split('/').pop()!;
    const page = await (await call(managePage.loader, manageLocation, { token })).json();
    expect([page.registration.status, page.workshop.title, page.canCancel]).toEqual([
      'registered',
      'Wheel Throwing',
      true,
    ]);

    const twice = await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      { form: { sessionId, name: 'Rosa', email: 'rosa@EXAMPLE.org' } },
    );
    expect([twice.status, (await twice.json()).fields]).toEqual([
      409,
      { email: ['is already registered for this session'] },
    ]);
    const bad = await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      { form: { sessionId, name: '', email: 'nope' } },
    );
    expect(Object.keys((await bad.json()).fields).sort()).toEqual(['email', 'name']);
    const crossSite = await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      { form: { sessionId, name: 'X', email: 'x@example.org' }, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('holds the page to the configured registration limits', async () => {
    // Rosa has used the form twice this hour (above); an organization allowing two per email refuses a third.
    const configured = context;
    context = {
      ...configured,
      config: parseConfig({ PUBLIC_URL: TEST_ORIGIN, REGISTRATIONS_PER_EMAIL_PER_HOUR: '2' }),
    };
    try {
      const third = await call(
        workshopPage.action,
        '/oolite/workshops/wheel-throwing',
        { slug: 'wheel-throwing' },
        { form: { sessionId, name: 'Rosa', email: 'rosa@example.org' } },
      );
      expect([third.status, (await third.json()).error]).toEqual([
        429,
        expect.stringMatching(/^Too many registrations; try again in \d+ minutes$/),
      ]);
    } finally {
      context = configured;
    }
  });

  it('cancels from the manage page; another token finds nothing', async () => {
    const unknown = await call(managePage.loader, '/oolite/registrations/not-a-token', { token: 'not-a-token' });
    const notValid = await unknown.json();
    expect([unknown.status, notValid.linkNotValid]).toEqual([404, 'registration']);
    const unknownCancel = await call(
      managePage.action,
      '/oolite/registrations/not-a-token',
      { token: 'not-a-token' },
      { form: {} },
    );
    expect([unknownCancel.status, await unknownCancel.json()]).toEqual([404, notValid]);
    const token = manageLocation.split('/').pop()!;
    const cancelled = await call(managePage.action, manageLocation, { token }, { form: {} });
    expect(cancelled.status).toBe(200);
    const page = await (await call(managePage.loader, manageLocation, { token })).json();
    expect([page.registration.status, page.canCancel]).toEqual(['cancelled', false]);
  });
});

describe('the roster', () => {
  it('marks attendance and exports CSV', async () => {
    for (const [name, email] of [
      ['Ana', 'ana@example.org'],
      ['=HYPERLINK("x")', 'formula@example.org'],
      ['Cy', 'cy@example.org'],
    ]) {
      await call(
        workshopPage.action,
        '/oolite/workshops/wheel-throwing',
        { slug: 'wheel-throwing' },
        { form: { sessionId, name, email } },
      );
    }
    const roster = await (
      await call(
        rosterPage.loader,
        `/oolite/admin/workshops/sessions/${sessionId}`,
        { sessionId },
        { cookie: staffCookie },
      )
    ).json();
    expect(roster.people.map((p: { name: string; status: string }) => `${p.name}:${p.status}`)).toEqual([
      '=HYPERLINK("x"):registered',
      'Ana:registered',
      'Cy:waitlisted',
      'Rosa Díaz:cancelled',
    ]);
    const ana = roster.people.find((p: { name: string }) => p.name === 'Ana');
    const marked = await call(
      rosterPage.action,
      `/oolite/admin/workshops/sessions/${sessionId}`,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'attendance', registrationId: ana.id, status: 'attended' } },
    );
    expect(marked.status).toBe(200);
    const [row] = await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.id, ana.id));
    expect(row.status).toBe('attended');
    const cy = roster.people.find((p: { name: string }) => p.name === 'Cy');
    const refused = await call(
      rosterPage.action,
      `/oolite/admin/workshops/sessions/${sessionId}`,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'attendance', registrationId: cy.id, status: 'attended' } },
    );
    expect([refused.status, (await refused.json()).error]).toEqual([
      409,
      'Only people with a seat can be marked; this registration is waitlisted',
    ]);

    const csv = await call(
      rosterCsv.loader,
      `/oolite/admin/workshops/roster-csv/${sessionId}`,
      { sessionId },
      { cookie: staffCookie },
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="wheel-throwing-2030-05-07.csv"');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('name,email,status,waitlist_position,registered_at,cancelled_at,offer_expires_at');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",formula@example.org,registered,,/);
    expect(lines.slice(2).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'Ana,ana@example.org,attended,',
      'Cy,cy@example.org,waitlisted,1',
      'Rosa Díaz,Rosa@example.org,cancelled,',
    ]);
  });

  it("shows each workshop's attendance and no-show rates from the rosters", async () => {
    const path = `/oolite/admin/workshops/sessions/${sessionId}`;
    const rates = async () =>
      (
        await (await call(staffListPage.loader, '/oolite/admin/workshops', {}, { cookie: staffCookie })).json()
      ).workshops.find((w: { title: string }) => w.title === 'Wheel Throwing').attendance;
    expect(await rates()).toBe('100% attended · 0% no-show (of 1 marked)');
    const roster = await (await call(rosterPage.loader, path, { sessionId }, { cookie: staffCookie })).json();
    const formula = roster.people.find((p: { email: string }) => p.email === 'formula@example.org');
    await call(
      rosterPage.action,
      path,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'attendance', registrationId: formula.id, status: 'no_show' } },
    );
    expect(await rates()).toBe('50% attended · 50% no-show (of 2 marked)');
    await call(
      rosterPage.action,
      path,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'attendance', registrationId: formula.id, status: 'registered' } },
    );
    expect(await rates()).toBe('100% attended · 0% no-show (of 1 marked)');
  });

  it('sends a message to everyone holding a seat through the outbox, naming a missing subject', async () => {
    const path = `/oolite/admin/workshops/sessions/${sessionId}`;
    const blank = await call(
      rosterPage.action,
      path,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'message', subject: '', body: 'Hi' } },
    );
    expect([blank.status, (await blank.json()).error]).toEqual([422, 'Subject is required']);
    const residentCookie = (await memberWithSession(context, oolite.org.id, 'messenger@oolite.test', 'resident'))
      .cookie;
    expect(
      (
        await call(
          rosterPage.action,
          path,
          { sessionId },
          { cookie: residentCookie, form: { intent: 'message', subject: 'Hello all', body: 'Hi' } },
        )
      ).status,
    ).toBe(403);
    const sent = await call(
      rosterPage.action,
      path,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'message', subject: 'Room change', body: 'We meet in Classroom 2.' } },
    );
    expect([sent.status, (await sent.json()).sent]).toEqual([200, 2]);
    const [event] = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'session.message'));
    expect(event.payload).toMatchObject({
      subject: 'Room change',
      body: 'We meet in Classroom 2.',
      session: { id: sessionId, title: 'Wheel Throwing' },
    });
    expect((event.payload as { registrants: { email: string }[] }).registrants.map((r) => r.email).sort()).toEqual([
      'ana@example.org',
      'formula@example.org',
    ]);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'session.message'));
    expect(audit.after).toEqual({ subject: 'Room change', recipients: 2 });
  });

  it('moves someone on the waitlist only with a reason, and records it', async () => {
    await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      { form: { sessionId, name: 'Dee', email: 'dee@example.org' } },
    );
    const roster = await (
      await call(
        rosterPage.loader,
        `/oolite/admin/workshops/sessions/${sessionId}`,
        { sessionId },
        { cookie: staffCookie },
      )
    ).json();
    const dee = roster.people.find((p: { name: string }) => p.name === 'Dee');
    expect(dee.position).toBe(2);
    const noReason = await call(
      rosterPage.action,
      `/oolite/admin/workshops/sessions/${sessionId}`,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'move', registrationId: dee.id, position: '1', reason: '' } },
    );
    expect(noReason.status).toBe(422);
    const moved = await call(
      rosterPage.action,
      `/oolite/admin/workshops/sessions/${sessionId}`,
      { sessionId },
      {
        cookie: staffCookie,
        form: { intent: 'move', registrationId: dee.id, position: '1', reason: 'Scholarship recipient' },
      },
    );
    expect(moved.status).toBe(200);
    const after = await (
      await call(
        rosterPage.loader,
        `/oolite/admin/workshops/sessions/${sessionId}`,
        { sessionId },
        { cookie: staffCookie },
      )
    ).json();
    expect(
      after.people
        .filter((p: { status: string }) => p.status === 'waitlisted')
        .map((p: { name: string; position: number }) => `${p.position}.${p.name}`),
    ).toEqual(['1.Dee', '2.Cy']);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'registration.waitlist_moved'));
    expect([audit.entityId, audit.reason, audit.before, audit.after]).toEqual([
      dee.id,
      'Scholarship recipient',
      { position: 2 },
      { position: 1 },
    ]);
  });

  it('offers a seat freed by staff to the first person waiting, who can decline it to the next, who accepts', async () => {
    const roster = await (
      await call(
        rosterPage.loader,
        `/oolite/admin/workshops/sessions/${sessionId}`,
        { sessionId },
        { cookie: staffCookie },
      )
    ).json();
    const seated = roster.people.find((p: { status: string }) => p.status === 'registered');
    await call(
      rosterPage.action,
      `/oolite/admin/workshops/sessions/${sessionId}`,
      { sessionId },
      { cookie: staffCookie, form: { intent: 'cancel', registrationId: seated.id, reason: 'Asked by phone' } },
    );
    const offerToken = async (name: string) => {
      const events = await database.db
        .select()
        .from(integrationOutbox)
        .where(eq(integrationOutbox.topic, 'registration.offered'));
      const event = events.find((e) => (e.payload as { registration: { name: string } }).registration.name === name)!;
      return (event.payload as { registration: { manageUrl: string } }).registration.manageUrl.split('/').pop()!;
    };
    const deeToken = await offerToken('Dee');
    const shown = await (await call(offerPage.loader, `/oolite/offers/${deeToken}`, { token: deeToken })).json();
    expect(shown.offer).toMatchObject({
      name: 'Dee',
      title: 'Wheel Throwing',
      series: false,
      sessions: ['Tuesday, May 7, 2030, 6:00 – 8:00 PM EDT'],
    });
    const declined = await call(
      offerPage.action,
      `/oolite/offers/${deeToken}`,
      { token: deeToken },
      { form: { answer: 'decline' } },
    );
    expect((await declined.json()).done).toBe('declined');
    // Answered, the link is spent: the same 404 as a link that never was, to look at or to answer again.
    const spent = await call(offerPage.loader, `/oolite/offers/${deeToken}`, { token: deeToken });
    const never = await call(offerPage.loader, '/oolite/offers/never-sent', { token: 'never-sent' });
    const again = await call(
      offerPage.action,
      `/oolite/offers/${deeToken}`,
      { token: deeToken },
      { form: { answer: 'accept' } },
    );
    const bodies = [];
    for (const answer of [spent, never, again]) {
      expect([answer.status, answer.headers.get('cache-control')]).toEqual([404, 'private, no-store']);
      bodies.push(await answer.json());
    }
    expect(bodies[0]).toMatchObject({ linkNotValid: 'offer', title: 'This offer link is not valid' });
    expect(bodies[0].nextStep).toBe('Contact oolite arts if you think this is wrong.');
    expect(bodies.slice(1)).toEqual([bodies[0], bodies[0]]);
    const cyToken = await offerToken('Cy');
    // An offer past its time that the worker has not swept yet is spent all the same.
    const cyOffer = eq(workshopRegistrations.offerTokenHash, hashToken(cyToken));
    const [{ offerExpiresAt }] = await database.db
      .select({ offerExpiresAt: workshopRegistrations.offerExpiresAt })
      .from(workshopRegistrations)
      .where(cyOffer);
    await database.db
      .update(workshopRegistrations)
      .set({ offerExpiresAt: new Date('2020-01-01T00:00:00Z') })
      .where(cyOffer);
    const lapsed = await call(offerPage.loader, `/oolite/offers/${cyToken}`, { token: cyToken });
    expect([lapsed.status, await lapsed.json()]).toEqual([404, bodies[0]]);
    await database.db.update(workshopRegistrations).set({ offerExpiresAt }).where(cyOffer);
    const accepted = await call(
      offerPage.action,
      `/oolite/offers/${cyToken}`,
      { token: cyToken },
      { form: { answer: 'accept' } },
    );
    expect((await accepted.json()).done).toBe('accepted');
    const after = await (
      await call(
        rosterPage.loader,
        `/oolite/admin/workshops/sessions/${sessionId}`,
        { sessionId },
        { cookie: staffCookie },
      )
    ).json();
    expect(
      after.people
        .filter((p: { status: string }) => p.status !== 'cancelled')
        .map((p: { name: string; status: string }) => `${p.name}:${p.status}`)
        .sort(),
    ).toEqual(['Ana:attended', 'Cy:registered']);
  });
});

describe("a resident's workshops", () => {
  it('lists their own registrations and lets them cancel only their own', async () => {
    const resident = await memberWithSession(context, oolite.org.id, 'resident@oolite.test', 'resident');
    const other = await memberWithSession(context, oolite.org.id, 'other@oolite.test', 'resident');
    // Signed in, the email comes from the account whatever the form says.
    const registered = await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      { cookie: resident.cookie, form: { sessionId, name: 'Res Ident', email: 'spoof@example.org' } },
    );
    expect(registered.status).toBe(302);
    const mine = await (
      await call(dashboardPage.loader, '/oolite/dashboard/workshops', {}, { cookie: resident.cookie })
    ).json();
    expect(mine.upcoming).toHaveLength(1);
    expect(mine.upcoming[0]).toMatchObject({
      title: 'Wheel Throwing',
      status: 'waitlisted',
      position: 1,
      when: 'Tue, May 7, 2030, 6:00 – 8:00 PM',
      canCancel: true,
    });
    expect(
      (await (await call(dashboardPage.loader, '/oolite/dashboard/workshops', {}, { cookie: other.cookie })).json())
        .upcoming,
    ).toEqual([]);
    const [row] = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.id, mine.upcoming[0].id));
    expect(row.email).toBe('resident@oolite.test');

    const notTheirs = await call(
      dashboardPage.action,
      '/oolite/dashboard/workshops',
      {},
      { cookie: other.cookie, form: { registrationId: row.id } },
    );
    expect(notTheirs.status).toBe(403);
    const own = await call(
      dashboardPage.action,
      '/oolite/dashboard/workshops',
      {},
      { cookie: resident.cookie, form: { registrationId: row.id } },
    );
    expect(own.status).toBe(200);
    const after = await (
      await call(dashboardPage.loader, '/oolite/dashboard/workshops', {}, { cookie: resident.cookie })
    ).json();
    expect([after.upcoming[0].status, after.upcoming[0].canCancel]).toEqual(['cancelled', false]);
    expect((await call(dashboardPage.loader, '/oolite/dashboard/workshops', {})).status).toBe(302);
  });
});

describe('more seats', () => {
  it('offers seats added by raising the capacity to the waitlist at once', async () => {
    await call(
      workshopPage.action,
      '/oolite/workshops/wheel-throwing',
      { slug: 'wheel-throwing' },
      { form: { sessionId, name: 'Eve', email: 'eve@example.org' } },
    );
    const [eve] = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.email, 'eve@example.org'));
    expect([eve.status, eve.waitlistPosition]).toEqual(['waitlisted', 1]);
    const saved = await call(
      editPage.action,
      `/oolite/admin/workshops/${workshopId}`,
      { id: workshopId },
      {
        cookie: staffCookie,
        form: {
          intent: 'save',
          title: 'Wheel Throwing',
          slug: 'wheel-throwing',
          description: 'Clay basics',
          capacity: '3',
          tags: 'ceramics',
          isPublic: 'on',
          published: 'on',
          registrationMode: 'per_session',
        },
      },
    );
    expect(saved.status).toBe(200);
    const [after] = await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.id, eve.id));
    expect([after.status, after.waitlistPosition]).toEqual(['offered', null]);
  });
});

describe('calling a session off', () => {
  it('cancels its booking and every active registration, telling each person with the raised SEQUENCE', async () => {
    const path = `/oolite/admin/workshops/${workshopId}`;
    const response = await call(
      editPage.action,
      path,
      { id: workshopId },
      { cookie: staffCookie, form: { intent: 'cancel-session', sessionId, reason: 'Kiln repair' } },
    );
    const body = await response.json();
    // Cy (registered) and Eve (offered) are still active; Ana attended, everyone else had cancelled.
    expect([response.status, body.session.message]).toEqual([
      200,
      'Session cancelled; 2 registrations cancelled and told',
    ]);
    const [session] = await database.db.select().from(workshopSessions).where(eq(workshopSessions.id, sessionId));
    const page = await (await call(editPage.loader, path, { id: workshopId }, { cookie: staffCookie })).json();
    expect(page.sessions.find((s: { id: string }) => s.id === session.id).status).toBe('cancelled');
    const events = (
      await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.topic, 'registration.cancelled'))
    )
      .map((e) => e.payload as { registration: { name: string }; session: { id: string; sequence: number } })
      .filter((p) => p.session.id === sessionId && ['Cy', 'Eve'].includes(p.registration.name));
    expect(events.map((e) => [e.registration.name, e.session.sequence]).sort()).toEqual([
      ['Cy', 1],
      ['Eve', 1],
    ]);
    const again = await call(
      editPage.action,
      path,
      { id: workshopId },
      { cookie: staffCookie, form: { intent: 'cancel-session', sessionId } },
    );
    expect([again.status, (await again.json()).session.message]).toEqual([409, 'This session is already cancelled']);
    // Gone from the public catalog, and no longer open for registration.
    expect((await (await call(catalogPage.loader, '/oolite/workshops', {})).json()).workshops).toEqual([]);
  });
});

describe('a long catalog', () => {
  it('comes in pages of 24, earliest first, keeping the filter in the page links', async () => {
    const paged = await createOrgWithKeys(database.db, 'paged');
    const room = await createTestResource(database.db, paged.org.id, { title: 'Hall' });
    for (let i = 0; i < 26; i++) {
      const workshop = await createWorkshop(database.db, {
        orgId: paged.org.id,
        actor: STAFF_ACTOR,
        workshop: {
          title: `Course ${String(i).padStart(2, '0')}`,
          slug: `course-${i}`,
          description: '',
          capacity: 5,
          tags: ['print'],
          isPublic: true,
          registrationMode: 'per_session',
          published: true,
        },
      });
      const startsAt = new Date(Date.UTC(2030, 6, 1 + i, 22));
      await addWorkshopSession(database.db, {
        orgId: paged.org.id,
        actor: STAFF_ACTOR,
        workshopId: workshop.id,
        session: { resourceId: room.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) },
      });
    }
    const load = async (query: string) =>
      (await call(catalogPage.loader, `/paged/workshops?${query}`, { org: 'paged' })).json();
    const first = await load('tag=print');
    expect([first.page, first.pageCount, first.workshops.length, first.workshops[0].title]).toEqual([
      1,
      2,
      24,
      'Course 00',
    ]);
    const second = await load('tag=print&page=2');
    expect([second.page, second.workshops.map((w: { title: string }) => w.title)]).toEqual([
      2,
      ['Course 24', 'Course 25'],
    ]);
    // A page past the end shows the last one rather than nothing.
    expect((await load('page=9')).page).toBe(2);
  });
});
