import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';

let database: TestDatabase;
let api: ApiServer;
let fixture: OrgFixture;
let resourceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startApiServer(database.db);
  fixture = await createOrgWithKeys(database.db, 'deep');
  resourceId = (await createTestResource(database.db, fixture.org.id)).id;
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

it('refuses metadata nested 10 000 deep with a 422 naming body, not a 500, and writes nothing', async () => {
  const count = async () =>
    (await database.db.execute(sql`select count(*)::int as n from bookings`)).rows[0] as { n: number };
  const before = await count();
  for (const [method, path, body] of [
    ['PATCH', `/orgs/deep/resources/${resourceId}`, `{"metadata":${nested(10_000)}}`],
    [
      'POST',
      '/orgs/deep/bookings',
      `{"resourceId":"${resourceId}","title":"Deep","startsAt":"2030-03-04T10:00:00-05:00","endsAt":"2030-03-04T11:00:00-05:00","metadata":${nested(10_000)}}`,
    ],
  ]) {
    const response = await api.request(method, path, { key: fixture.adminKey, rawBody: body });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toHaveProperty('body');
  }
  expect(await count()).toEqual(before);
});

it('still takes metadata nested a few levels, and brackets inside strings do not count', async () => {
  const response = await api.request('PATCH', `/orgs/deep/resources/${resourceId}`, {
    key: fixture.adminKey,
    body: { metadata: { a: { b: { c: [1, [2, [3]]] } }, note: '[[[[{{{{'.repeat(100) } },
  });
  expect(response.status).toBe(200);
});
