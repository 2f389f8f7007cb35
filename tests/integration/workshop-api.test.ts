import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopRegistrations } from '../../db/schema/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { createWorkshopWithSession } from '../support/workshops';

let database: TestDatabase;
let api: ApiServer;
let oolite: OrgFixture;
let bakehouse: OrgFixture;
let publicSession: string;
let publicWorkshop: string;
let draftWorkshop: string;
let draftSession: string;
let bakehouseSession: string;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startApiServer(database.db, {
    registrationRateLimits: {
      perIp: { limit: 1_000, windowMs: 3_600_000 },
      perEmail: { limit: 3, windowMs: 3_600_000 },
    },
  });
  oolite = await createOrgWithKeys(database.db, 'oolite');
  bakehouse = await createOrgWithKeys(database.db, 'bakehouse');
  const room = await createTestResource(database.db, oolite.org.id, { title: 'Classroom 1' });
  const bakeRoom = await createTestResource(database.db, bakehouse.org.id, { title: 'Workshop Studio' });
  const open = await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'risograph',
    capacity: 2,
    startsAt: '2030-04-02T22:00:00Z',
    endsAt: '2030-04-03T00:00:00Z',
    tags: ['print'],
  });
  publicSession = open.session.id;
  publicWorkshop = open.workshop.id;
  const draft = await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'secret',
    capacity: 5,
    startsAt: '2030-04-04T22:00:00Z',
    endsAt: '2030-04-05T00:00:00Z',
    published: false,
  });
  draftWorkshop = draft.workshop.id;
  draftSession = draft.session.id;
  bakehouseSession = (
    await createWorkshopWithSession(database.db, {
      orgId: bakehouse.org.id,
      resourceId: bakeRoom.id,
      slug: 'molds',
      capacity: 5,
      startsAt: '2030-04-02T22:00:00Z',
      endsAt: '2030-04-03T00:00:00Z',
    })
  ).session.id;
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

const register = (org: string, sessionId: string, body: unknown, key?: string) =>
  api.request('POST', `/orgs/${org}/sessions/${sessionId}/registrations`, { body, key });

describe('the public workshop API', () => {
  it('lists published public workshops without a key, with seats and waitlist per session', async () => {
    const response = await api.request('GET', '/orgs/oolite/workshops');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      workshops: [
        {
          id: publicWorkshop,
          slug: 'risograph',
          title: 'Workshop risograph',
          tags: ['print'],
          sessions: [
            {
              id: publicSession,
              startsAt: '2030-04-02T22:00:00.000Z',
              endsAt: '2030-04-03T00:00:00.000Z',
              capacity: 2,
              seatsLeft: 2,
              waitlistLength: 0,
            },
          ],
        },
      ],
    });
    expect((await api.request('GET', `/orgs/oolite/workshops/${publicWorkshop}`)).body.descriptionHtml).toBe(
      '<p>Bring an apron.</p>',
    );
    expect((await api.request('GET', `/orgs/oolite/workshops/${draftWorkshop}`)).status).toBe(404);
    expect((await api.request('GET', '/orgs/nowhere/workshops')).status).toBe(404);
  });

  it('registers, then waitlists, and answers with a manage token', async () => {
    const first = await register('oolite', publicSession, { name: 'Ana', email: 'ana@example.org' });
    const second = await register('oolite', publicSession, { name: 'Bo', email: 'bo@example.org' });
    const third = await register('oolite', publicSession, { name: 'Cy', email: 'cy@example.org' });
    expect([first.status, first.body.status, second.body.status, third.body.status, third.body.position]).toEqual([
      201,
      'registered',
      'registered',
      'waitlisted',
      1,
    ]);
    expect(first.body.manageToken).toMatch(/^[\w-]{43}$/);
    const listed = await api.request('GET', '/orgs/oolite/workshops');
    expect(listed.body.workshops[0].sessions[0]).toMatchObject({ seatsLeft: 0, waitlistLength: 1 });
  });

  it('names each wrong field and writes nothing', async () => {
    const bad = await register('oolite', publicSession, { name: '', email: 'not-an-email', extra: 1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['_', 'email', 'name']);
    expect(
      (await register('oolite', 'not-a-uuid', { name: 'A', email: 'a@example.org' })).body.error.fields,
    ).toHaveProperty('sessionId');
    const rows = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.sessionId, publicSession));
    expect(rows).toHaveLength(3);
  });

  it("does not register for unpublished workshops or another organization's sessions", async () => {
    expect((await register('oolite', draftSession, { name: 'A', email: 'a@example.org' })).status).toBe(404);
    expect((await register('oolite', bakehouseSession, { name: 'A', email: 'a@example.org' })).status).toBe(404);
    expect((await register('bakehouse', publicSession, { name: 'A', email: 'a@example.org' })).status).toBe(404);
  });

  it('rate-limits registrations per email', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await register('oolite', publicSession, { name: 'Dee', email: 'dee@example.org' })).status);
    // 1st: waitlisted; 2nd, 3rd: already registered; 4th: over the limit of 3 per hour.
    expect(statuses).toEqual([201, 409, 409, 429]);
  });
});

describe('cancelling through the API', () => {
  let ana: { id: string; manageToken: string };
  let bo: { id: string; manageToken: string };

  beforeAll(async () => {
    ana = (await register('oolite', publicSession, { name: 'Ana', email: 'ana2@example.org' })).body;
    bo = (await register('oolite', publicSession, { name: 'Bo', email: 'bo2@example.org' })).body;
  });

  it('accepts only the manage token of that very registration', async () => {
    const withOthers = await api.request('POST', `/orgs/oolite/registrations/${ana.id}/cancel`, {
      body: { token: bo.manageToken },
    });
    expect([withOthers.status, Object.keys(withOthers.body.error.fields)]).toEqual([403, ['token']]);
    const without = await api.request('POST', `/orgs/oolite/registrations/${ana.id}/cancel`, { body: {} });
    expect(without.status).toBe(401);
    const viaOtherOrg = await api.request('POST', `/orgs/bakehouse/registrations/${ana.id}/cancel`, {
      body: { token: ana.manageToken },
    });
    expect(viaOtherOrg.status).toBe(404);
    const own = await api.request('POST', `/orgs/oolite/registrations/${ana.id}/cancel`, {
      body: { token: ana.manageToken },
    });
    expect([own.status, own.body.status]).toEqual([200, 'cancelled']);
    const again = await api.request('POST', `/orgs/oolite/registrations/${ana.id}/cancel`, {
      body: { token: ana.manageToken },
    });
    expect(again.status).toBe(409);
  });

  it("lets a staff key of the organization cancel, and no one else's key", async () => {
    const foreign = await api.request('POST', `/orgs/oolite/registrations/${bo.id}/cancel`, {
      key: bakehouse.staffKey,
      body: {},
    });
    expect(foreign.status).toBe(403);
    const staff = await api.request('POST', `/orgs/oolite/registrations/${bo.id}/cancel`, {
      key: oolite.staffKey,
      body: {},
    });
    expect([staff.status, staff.body.status]).toEqual([200, 'cancelled']);
  });
});

describe('the staff registrations list', () => {
  it('needs a staff key of the organization', async () => {
    expect((await api.request('GET', `/orgs/oolite/sessions/${publicSession}/registrations`)).status).toBe(401);
    expect(
      (await api.request('GET', `/orgs/oolite/sessions/${publicSession}/registrations`, { key: bakehouse.adminKey }))
        .status,
    ).toBe(403);
    expect(
      (await api.request('GET', `/orgs/bakehouse/sessions/${publicSession}/registrations`, { key: bakehouse.adminKey }))
        .status,
    ).toBe(404);
    const list = await api.request('GET', `/orgs/oolite/sessions/${publicSession}/registrations`, {
      key: oolite.staffKey,
    });
    expect(list.status).toBe(200);
    expect(list.body.registrations.map((r: { name: string; status: string }) => `${r.name}:${r.status}`)).toEqual(
      expect.arrayContaining(['Ana:registered', 'Bo:registered', 'Ana:cancelled', 'Bo:cancelled']),
    );
    expect(list.body.registrations.every((r: Record<string, unknown>) => !('manageTokenHash' in r))).toBe(true);
  });

  it('keeps the key requirement on every other organization endpoint', async () => {
    expect((await api.request('GET', '/orgs/oolite/bookings')).status).toBe(401);
    expect(
      (await api.request('POST', `/orgs/oolite/sessions/${publicSession}/registrations/extra`, { body: {} })).status,
    ).toBe(401);
  });
});
