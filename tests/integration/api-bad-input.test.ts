import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';

let database: TestDatabase;
let api: ApiServer;
let fixture: OrgFixture;
let resourceId: string;
let rowsBefore: Record<string, number>;

const TABLES = ['bookings', 'resources', 'audit_log', 'integration_outbox'];

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
  api = await startApiServer(database.db);
  fixture = await createOrgWithKeys(database.db, 'strict');
  resourceId = (await createTestResource(database.db, fixture.org.id)).id;
});
beforeEach(async () => {
  rowsBefore = await rowCounts();
});
afterAll(async () => {
  expect(await rowCounts()).toEqual(rowsBefore);
  await api?.close();
  await database?.close();
});

const valid = () => ({
  resourceId,
  title: 'Workshop',
  startsAt: '2030-06-03T15:00:00Z',
  endsAt: '2030-06-03T16:00:00Z',
});
const post = (body: unknown, rawBody?: string) =>
  api.request('POST', '/orgs/strict/bookings', { key: fixture.adminKey, body, rawBody });

async function expectRefused(response: { status: number; body: any }, status: number, field: string) {
  expect(response.status).toBe(status);
  expect(response.body.error.fields, JSON.stringify(response.body)).toHaveProperty([field]);
  expect(response.body.error.message).toContain(field);
  expect(await rowCounts()).toEqual(rowsBefore);
}

describe('bad input is refused, named, and writes nothing', () => {
  it('names each missing field', async () => {
    const response = await post({ resourceId });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual({
      title: ['is required'],
      startsAt: ['is required'],
      endsAt: ['is required'],
    });
    expect(await rowCounts()).toEqual(rowsBefore);
  });

  it('refuses an end before the start', async () => {
    await expectRefused(await post({ ...valid(), endsAt: '2030-06-03T14:00:00Z' }), 422, 'endsAt');
  });

  it('refuses a time without a zone, and an unknown field', async () => {
    await expectRefused(await post({ ...valid(), startsAt: '2030-06-03 15:00' }), 422, 'startsAt');
    const unknown = await post({ ...valid(), colour: 'red' });
    expect([unknown.status, unknown.body.error.fields._]).toEqual([422, ['unknown field(s): colour']]);
  });

  it('refuses an unknown resource', async () => {
    await expectRefused(
      await post({ ...valid(), resourceId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'resourceId',
    );
    await expectRefused(await post({ ...valid(), resourceId: 'studio-a' }), 422, 'resourceId');
  });

  it('refuses malformed JSON', async () => {
    const response = await post(undefined, '{"title": "unterminated');
    expect([response.status, response.body.error.code]).toEqual([400, 'bad_request']);
    expect(response.body.error.fields).toHaveProperty(['body']);
  });

  it('refuses a 1 MB body before reading it whole', async () => {
    const response = await post(undefined, JSON.stringify({ ...valid(), description: 'x'.repeat(1024 * 1024) }));
    expect([response.status, response.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(response.body.error.fields).toHaveProperty(['body']);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await api.request('POST', '/orgs/strict/bookings', {
      key: fixture.adminKey,
      rawBody: 'title=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([response.status, response.body.error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('refuses a bad resource: unknown type, zero capacity, broken opening hours, bad time zone', async () => {
    const response = await api.request('POST', '/orgs/strict/resources', {
      key: fixture.adminKey,
      body: {
        title: 'Room',
        type: 'castle',
        capacity: 0,
        timeZone: 'Mars/Olympus',
        availabilityRules: { weekly: { mon: [{ start: '17:00', end: '09:00' }] } },
      },
    });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.error.fields).sort()).toEqual([
      'availabilityRules.weekly.mon.0.end',
      'capacity',
      'timeZone',
      'type',
    ]);
    expect(await rowCounts()).toEqual(rowsBefore);
  });

  it('refuses bad list filters', async () => {
    const backwards = await api.request(
      'GET',
      '/orgs/strict/bookings?from=2030-06-05T00:00:00Z&to=2030-06-01T00:00:00Z',
      { key: fixture.adminKey },
    );
    expect([backwards.status, Object.keys(backwards.body.error.fields)]).toEqual([422, ['to']]);
    const status = await api.request('GET', '/orgs/strict/bookings?status=lost&limit=0', { key: fixture.adminKey });
    expect([status.status, Object.keys(status.body.error.fields).sort()]).toEqual([422, ['limit', 'status']]);
  });
});
