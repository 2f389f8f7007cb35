import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as catalogPage from '../../app/routes/$org.workshops._index';
import * as workshopPage from '../../app/routes/$org.workshops.$slug';
import * as publicFeed from '../../app/routes/$org.workshops[.ics]';
import * as sessionIcs from '../../app/routes/$org.workshops.sessions.$sessionId.ics';
import * as managePage from '../../app/routes/$org.registrations.$token';
import * as offerPage from '../../app/routes/$org.offers.$token';
import { addWorkshopSession, createWorkshop } from '../../db/operations/workshops/workshops';
import { integrationOutbox, workshopRegistrations } from '../../db/schema/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

type Args = LoaderFunctionArgs & ActionFunctionArgs;

let database: TestDatabase;
let context: AppLoadContext;
let api: ApiServer;
let oolite: OrgFixture;
let cookies: Record<'admin' | 'staff' | 'resident' | 'outsider', string>;
let membersSessionId: string;
let seriesSessionIds: string[];
let idaToken: string;

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
      context,
    } as Args),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  api = await startApiServer(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  const bakehouse = await createOrgWithKeys(database.db, 'bakehouse');
  const room = await createTestResource(database.db, oolite.org.id, { title: 'Classroom 1' });
  await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'open',
    capacity: 5,
    startsAt: '2030-06-04T22:00:00Z',
    endsAt: '2030-06-05T00:00:00Z',
  });
  ({
    session: { id: membersSessionId },
  } = await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'members',
    capacity: 5,
    startsAt: '2030-06-06T22:00:00Z',
    endsAt: '2030-06-07T00:00:00Z',
    isPublic: false,
  }));
  // A draft (unpublished) members-only workshop stays hidden from everyone on public pages.
  await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'draft',
    capacity: 5,
    startsAt: '2030-06-08T22:00:00Z',
    endsAt: '2030-06-09T00:00:00Z',
    isPublic: false,
    published: false,
  });
  const series = await createWorkshop(database.db, {
    orgId: oolite.org.id,
    actor: STAFF_ACTOR,
    workshop: {
      title: 'Bookbinding series',
      slug: 'bookbinding',
      description: 'Four evenings.',
      capacity: 2,
      tags: [],
      isPublic: true,
      registrationMode: 'series',
      published: true,
    },
  });
  seriesSessionIds = [];
  for (const day of [11, 18, 25]) {
    const { session } = await addWorkshopSession(database.db, {
      orgId: oolite.org.id,
      actor: STAFF_ACTOR,
      workshopId: series.id,
      session: {
        resourceId: room.id,
        startsAt: new Date(`2030-06-${day}T22:00:00Z`),
        endsAt: new Date(`2030-06-${day + 1}T00:00:00Z`),
      },
    });
    seriesSessionIds.push(session.id);
  }
  cookies = {
    admin: (await memberWithSession(context, oolite.org.id, 'admin@oolite.test', 'admin')).cookie,
    staff: (await memberWithSession(context, oolite.org.id, 'staff@oolite.test', 'staff')).cookie,
    resident: (await memberWithSession(context, oolite.org.id, 'resident@oolite.test', 'resident')).cookie,
    outsider: (await memberWithSession(context, bakehouse.org.id, 'staff@bakehouse.test', 'staff')).cookie,
  };
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

const catalogFor = async (cookie?: string) => {
  const body = await (await call(catalogPage.loader, '/oolite/workshops', {}, { cookie })).json();
  return body.workshops.map((w: { slug: string; membersOnly: boolean }) => [w.slug, w.membersOnly]);
};

describe('members-only workshops', () => {
  it('are listed, marked, for signed-in members of any role, and for nobody else', async () => {
    const forMembers = [
      ['open', false],
      ['members', true],
      ['bookbinding', false],
    ];
    for (const role of ['admin', 'staff', 'resident'] as const)
      expect(await catalogFor(cookies[role])).toEqual(forMembers);
    const forOthers = [
      ['open', false],
      ['bookbinding', false],
    ];
    expect(await catalogFor()).toEqual(forOthers);
    expect(await catalogFor(cookies.outsider)).toEqual(forOthers);
  });

  it('have a page for members only: 404 to the public and to members of other organizations', async () => {
    const page = (cookie?: string) =>
      call(workshopPage.loader, '/oolite/workshops/members', { slug: 'members' }, { cookie });
    const member = await page(cookies.resident);
    expect([member.status, (await member.json()).workshop.membersOnly]).toEqual([200, true]);
    expect((await page()).status).toBe(404);
    expect((await page(cookies.outsider)).status).toBe(404);
    expect(
      (await call(workshopPage.loader, '/oolite/workshops/draft', { slug: 'draft' }, { cookie: cookies.admin })).status,
    ).toBe(404);
  });

  it('take registrations from members only (page and API)', async () => {
    const form = { sessionId: membersSessionId, name: 'Guest', email: 'guest@example.org' };
    expect((await call(workshopPage.action, '/oolite/workshops/members', { slug: 'members' }, { form })).status).toBe(
      404,
    );
    expect(
      (
        await call(
          workshopPage.action,
          '/oolite/workshops/members',
          { slug: 'members' },
          { form, cookie: cookies.outsider },
        )
      ).status,
    ).toBe(404);
    const api404 = await api.request('POST', `/orgs/oolite/sessions/${membersSessionId}/registrations`, {
      body: { name: 'Guest', email: 'guest@example.org' },
    });
    expect(api404.status).toBe(404);
    const member = await call(
      workshopPage.action,
      '/oolite/workshops/members',
      { slug: 'members' },
      { form: { sessionId: membersSessionId, name: 'Res' }, cookie: cookies.resident },
    );
    expect([member.status, member.headers.get('location')]).toEqual([
      302,
      expect.stringMatching(/^\/oolite\/registrations\//),
    ]);
    const rows = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.sessionId, membersSessionId));
    expect(rows.map((r) => [r.email, r.status])).toEqual([['resident@oolite.test', 'registered']]);
  });

  it('stay out of the public API list, the public feed, and the session download for non-members', async () => {
    const listed = await api.request('GET', '/orgs/oolite/workshops');
    expect(listed.body.workshops.map((w: { slug: string }) => w.slug)).toEqual(['open', 'bookbinding']);
    const feed = await (
      await call(publicFeed.loader, '/oolite/workshops.ics', {}, { cookie: cookies.resident })
    ).text();
    expect(feed).not.toContain(membersSessionId);
    const download = (cookie?: string) =>
      call(
        sessionIcs.loader,
        `/oolite/workshops/sessions/${membersSessionId}/ics`,
        { sessionId: membersSessionId },
        { cookie },
      );
    expect([
      (await download()).status,
      (await download(cookies.outsider)).status,
      (await download(cookies.staff)).status,
    ]).toEqual([404, 404, 200]);
  });
});

describe('a series workshop on the public page and the API', () => {
  it('says registration is for the whole series and signs a guest up for every session', async () => {
    const page = await (
      await call(workshopPage.loader, '/oolite/workshops/bookbinding', { slug: 'bookbinding' })
    ).json();
    expect([page.workshop.series, page.workshop.sessions.length]).toEqual([true, 3]);
    const response = await call(
      workshopPage.action,
      '/oolite/workshops/bookbinding',
      { slug: 'bookbinding' },
      { form: { sessionId: seriesSessionIds[0], name: 'Ida', email: 'ida@example.org' } },
    );
    expect(response.status).toBe(302);
    const token = response.headers.get('location')!.split('/').pop()!;
    idaToken = token;
    const manage = await (await call(managePage.loader, `/oolite/registrations/${token}`, { token })).json();
    expect([manage.series.map((r: { status: string }) => r.status), manage.canCancel]).toEqual([
      ['registered', 'registered', 'registered'],
      true,
    ]);
  });

  it('answers the API with every registration of the group; a full series puts the group on its waitlist', async () => {
    const signUp = (email: string) =>
      api.request('POST', `/orgs/oolite/sessions/${seriesSessionIds[2]}/registrations`, {
        body: { name: email, email },
      });
    const created = await signUp('jay@example.org');
    expect(created.status).toBe(201);
    expect(created.body.series.map((r: { sessionId: string }) => r.sessionId)).toEqual(seriesSessionIds);
    expect(created.body.seriesGroupId).toEqual(expect.any(String));
    const full = await signUp('kai@example.org');
    expect([full.status, full.body.status, full.body.position]).toEqual([201, 'waitlisted', 1]);
    expect(full.body.series.map((r: { sessionId: string }) => r.sessionId)).toEqual(seriesSessionIds);
    const after = await (
      await call(workshopPage.loader, '/oolite/workshops/bookbinding', { slug: 'bookbinding' })
    ).json();
    expect(
      after.workshop.sessions.map((s: { seatsLeft: number; waitlistLength: number }) => [
        s.seatsLeft,
        s.waitlistLength,
      ]),
    ).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });

  it('puts a full series on the waitlist from the page too; a cancelled series goes to the first group waiting, whole', async () => {
    const form = { sessionId: seriesSessionIds[0], name: 'Lee', email: 'lee@example.org' };
    const waitlisted = await call(
      workshopPage.action,
      '/oolite/workshops/bookbinding',
      { slug: 'bookbinding' },
      { form },
    );
    expect(waitlisted.status).toBe(302);
    const cancelled = await call(
      managePage.action,
      `/oolite/registrations/${idaToken}`,
      { token: idaToken },
      { form: {} },
    );
    expect([cancelled.status, (await cancelled.json()).error]).toEqual([200, null]);
    const statusOf = async (email: string) =>
      (await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.email, email))).map(
        (r) => [r.status, r.waitlistPosition],
      );
    expect(await statusOf('ida@example.org')).toEqual([
      ['cancelled', null],
      ['cancelled', null],
      ['cancelled', null],
    ]);
    // Kai waited first: offered a seat in every session at once; Lee moves up to first.
    expect(await statusOf('kai@example.org')).toEqual([
      ['offered', null],
      ['offered', null],
      ['offered', null],
    ]);
    expect(await statusOf('lee@example.org')).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 1],
    ]);
    const page = await (
      await call(workshopPage.loader, '/oolite/workshops/bookbinding', { slug: 'bookbinding' })
    ).json();
    expect(page.workshop.sessions.map((s: { seatsLeft: number }) => s.seatsLeft)).toEqual([0, 0, 0]);
    // Kai's one offer email leads to a page that offers the three sessions together.
    const [event] = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'registration.offered'));
    const kaiToken = (event.payload as { registration: { manageUrl: string } }).registration.manageUrl.split(
      '/offers/',
    )[1];
    const shown = await (await call(offerPage.loader, `/oolite/offers/${kaiToken}`, { token: kaiToken })).json();
    expect([shown.offer.series, shown.offer.sessions.length]).toEqual([true, 3]);
    const accepted = await call(
      offerPage.action,
      `/oolite/offers/${kaiToken}`,
      { token: kaiToken },
      { form: { answer: 'accept' } },
    );
    expect((await accepted.json()).done).toBe('accepted');
    expect(await statusOf('kai@example.org')).toEqual([
      ['registered', null],
      ['registered', null],
      ['registered', null],
    ]);
  });
});
