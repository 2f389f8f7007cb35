import http from 'node:http';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as equipmentPage from '../../app/routes/$org.equipment';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

let database: TestDatabase;
let api: ApiServer;
let collab: CollabServer;
let socketServer: http.Server;
let fixture: OrgFixture;
let resourceId: string;
let bookingId: string;
let seasonId: string;
let sessionId: string;

const TABLES = ['bookings', 'resources', 'seasons', 'workshop_registrations', 'webhook_endpoints', 'audit_log'];
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = (result.rows[0] as { n: number }).n;
  }
  return counts;
}

beforeAll(async () => {
  database = await createTestDatabase();
  collab = createCollabServer({
    db: database.db,
    logger: pino({ level: 'silent' }),
    debounceMs: 50,
    maxDebounceMs: 200,
  });
  socketServer = http.createServer();
  socketServer.on('upgrade', (request, socket, head) => void collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => socketServer.listen(0, '127.0.0.1', resolve));
  api = await startApiServer(database.db, { drafts: collab.drafts });
  fixture = await createOrgWithKeys(database.db, 'texts');
  resourceId = (await createTestResource(database.db, fixture.org.id)).id;
  const booked = await api.request('POST', '/orgs/texts/bookings', {
    key: fixture.adminKey,
    body: { resourceId, title: 'Open studio', startsAt: '2030-06-03T15:00:00Z', endsAt: '2030-06-03T16:00:00Z' },
  });
  bookingId = booked.body.id;
  const season = await api.request('POST', '/orgs/texts/seasons', {
    key: fixture.adminKey,
    body: { name: 'Fall 2030', startsOn: '2030-09-01', endsOn: '2030-11-30' },
  });
  seasonId = season.body.id;
  sessionId = (
    await createWorkshopWithSession(database.db, {
      orgId: fixture.org.id,
      resourceId,
      slug: 'etching',
      capacity: 5,
      startsAt: '2030-07-01T22:00:00Z',
      endsAt: '2030-07-01T23:00:00Z',
    })
  ).session.id;
});
afterAll(async () => {
  await api?.close();
  await collab?.close();
  socketServer?.close();
  await database?.close();
});

const booking = { resourceId: () => resourceId, title: 'Workshop', start: '2030-06-04T15:00:00Z' };
const validBooking = () => ({
  resourceId: booking.resourceId(),
  title: booking.title,
  startsAt: booking.start,
  endsAt: '2030-06-04T16:00:00Z',
});
const draftWorkshop = { key: 'clay', title: 'Clay', capacity: 8 };
const draftSession = () => ({
  workshopKey: 'clay',
  resourceId,
  startsAt: '2030-09-02T15:00:00Z',
  endsAt: '2030-09-02T17:00:00Z',
});

interface FieldCase {
  field: string;
  method: string;
  path: () => string;
  body: (bad: string) => unknown;
  key?: 'admin' | 'none';
}

/** Every string field the JSON API takes, with a body that is valid but for that field. */
const CASES: FieldCase[] = [
  { field: 'title', method: 'POST', path: () => '/bookings', body: (v) => ({ ...validBooking(), title: v }) },
  {
    field: 'description',
    method: 'POST',
    path: () => '/bookings',
    body: (v) => ({ ...validBooking(), description: v }),
  },
  {
    field: 'availabilityOverrideReason',
    method: 'POST',
    path: () => '/bookings',
    body: (v) => ({ ...validBooking(), availabilityOverrideReason: `why ${v}` }),
  },
  {
    field: 'metadata.note',
    method: 'POST',
    path: () => '/bookings',
    body: (v) => ({ ...validBooking(), metadata: { note: v } }),
  },
  { field: 'title', method: 'PATCH', path: () => `/bookings/${bookingId}`, body: (v) => ({ title: v }) },
  { field: 'reason', method: 'POST', path: () => `/bookings/${bookingId}/cancel`, body: (v) => ({ reason: v }) },
  { field: 'title', method: 'POST', path: () => '/resources', body: (v) => ({ title: v, type: 'space' }) },
  {
    field: 'timeZone',
    method: 'POST',
    path: () => '/resources',
    body: (v) => ({ title: 'Room', type: 'space', timeZone: `America/New_York${v}` }),
  },
  {
    field: 'metadata.location',
    method: 'POST',
    path: () => '/resources',
    body: (v) => ({ title: 'Room', type: 'space', metadata: { location: v } }),
  },
  {
    field: 'availabilityRules.exceptions.0.note',
    method: 'POST',
    path: () => '/resources',
    body: (v) => ({
      title: 'Room',
      type: 'space',
      availabilityRules: { exceptions: [{ date: '2030-12-24', hours: [], note: v }] },
    }),
  },
  {
    field: 'availabilityRules.blackouts.0.reason',
    method: 'POST',
    path: () => '/resources',
    body: (v) => ({
      title: 'Room',
      type: 'space',
      availabilityRules: { blackouts: [{ from: '2030-12-24', to: '2030-12-26', reason: v }] },
    }),
  },
  { field: 'title', method: 'PATCH', path: () => `/resources/${resourceId}`, body: (v) => ({ title: v }) },
  {
    field: 'name',
    method: 'POST',
    path: () => '/seasons',
    body: (v) => ({ name: v, startsOn: '2030-09-01', endsOn: '2030-09-30' }),
  },
  {
    field: 'workshops.0.title',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ workshops: [{ ...draftWorkshop, title: v }] }),
  },
  {
    field: 'workshops.0.tags.0',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ workshops: [{ ...draftWorkshop, tags: [v] }] }),
  },
  {
    field: 'workshops.0.description',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ workshops: [{ ...draftWorkshop, description: v }] }),
  },
  {
    field: 'sessions.0.note',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ workshops: [draftWorkshop], sessions: [{ ...draftSession(), note: v }] }),
  },
  {
    field: 'sessions.0.id',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ workshops: [draftWorkshop], sessions: [{ ...draftSession(), id: `s${v}` }] }),
  },
  {
    field: 'sessions.0.workshopKey',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ workshops: [draftWorkshop], sessions: [{ ...draftSession(), workshopKey: `clay${v}` }] }),
  },
  {
    field: 'blocks.0.title',
    method: 'POST',
    path: () => `/seasons/${seasonId}/draft/items`,
    body: (v) => ({ blocks: [{ ...draftSession(), workshopKey: undefined, title: v }] }),
  },
  {
    field: 'name',
    method: 'POST',
    path: () => `/sessions/${sessionId}/registrations`,
    body: (v) => ({ name: v, email: 'guest@example.org' }),
    key: 'none',
  },
  {
    field: 'email',
    method: 'POST',
    path: () => `/sessions/${sessionId}/registrations`,
    body: (v) => ({ name: 'Guest', email: `guest${v}@example.org` }),
    key: 'none',
  },
  {
    field: 'url',
    method: 'POST',
    path: () => '/webhook-endpoints',
    body: (v) => ({ url: `https://hooks.example.org/${v}` }),
  },
  {
    field: 'secret',
    method: 'POST',
    path: () => '/webhook-endpoints',
    body: (v) => ({ url: 'https://hooks.example.org/in', secret: `0123456789abcdef${v}` }),
  },
];

const BAD_TEXT = { NUL: 'a\u0000b', 'a lone surrogate': 'a\uD800b', 'a lone low surrogate': 'a\uDC00b' };

describe('NUL and lone surrogates in any JSON API string field', () => {
  for (const [badName, bad] of Object.entries(BAD_TEXT)) {
    it.each(CASES)(`${badName} in $field ($method $path) gets 422 naming it`, async (testCase) => {
      const before = await rowCounts();
      const response = await api.request(testCase.method, `/orgs/texts${testCase.path()}`, {
        key: testCase.key === 'none' ? undefined : fixture.adminKey,
        body: testCase.body(bad),
      });
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(Object.keys(response.body.error.fields)).toContain(testCase.field);
      expect(await rowCounts()).toEqual(before);
    });
  }
});

describe('control characters in single-line fields', () => {
  it.each([
    ['a CR', 'Line\rbreak'],
    ['an LF', 'Line\nbreak'],
    ['an escape', 'Bell\u001b[31m'],
    ['a C1 control', 'Next\u0085line'],
  ])('%s in a title gets 422 naming it', async (_name, title) => {
    const response = await api.request('POST', '/orgs/texts/bookings', {
      key: fixture.adminKey,
      body: { ...validBooking(), title },
    });
    expect([response.status, Object.keys(response.body.error.fields)]).toEqual([422, ['title']]);
  });

  it('a registration name that would inject ICS parameters gets 422 naming it', async () => {
    const response = await api.request('POST', `/orgs/texts/sessions/${sessionId}/registrations`, {
      body: { name: 'Bo\r\nATTENDEE;ROLE=CHAIR:mailto:x@example.org', email: 'bo@example.org' },
    });
    expect([response.status, Object.keys(response.body.error.fields)]).toEqual([422, ['name']]);
  });

  it('tabs and line breaks stay welcome in descriptions', async () => {
    const response = await api.request('POST', '/orgs/texts/bookings', {
      key: fixture.adminKey,
      body: { ...validBooking(), description: 'Bring:\n\t- an apron\r\n\t- gloves' },
    });
    expect(response.status).toBe(201);
  });
});

describe('page forms refuse the same text', () => {
  it("a NUL in a resident's equipment request purpose gets 422 naming it, and books nothing", async () => {
    const context = loadContext(database.db);
    const kiln = await createTestResource(database.db, fixture.org.id, { title: 'Kiln', type: 'equipment' });
    const { cookie } = await memberWithSession(context, fixture.org.id, 'resident@texts.test', 'resident');
    const before = await rowCounts();
    const response = await respond(() =>
      equipmentPage.action({
        request: request('/texts/equipment', {
          cookie,
          form: {
            resourceId: kiln.id,
            startsAt: '2999-01-04T10:00',
            endsAt: '2999-01-04T12:00',
            purpose: 'Fire\u0000',
          },
        }),
        context,
        params: { org: 'texts' },
      } as never),
    );
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).fields)).toEqual(['purpose']);
    expect(await rowCounts()).toEqual(before);
  });
});
