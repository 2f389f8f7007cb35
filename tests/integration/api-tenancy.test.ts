import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey, createApiKey } from '../../db/operations/accounts/api-keys';
import { createBooking } from '../../db/operations/bookings/bookings';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';

let database: TestDatabase;
let api: ApiServer;
let oolite: OrgFixture;
let bakehouse: OrgFixture;
let bakehouseResourceId: string;
let bakehouseBookingId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startApiServer(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  bakehouse = await createOrgWithKeys(database.db, 'bakehouse');
  const resource = await createTestResource(database.db, bakehouse.org.id, { title: 'Bakehouse studio' });
  bakehouseResourceId = resource.id;
  const booking = await createBooking(database.db, {
    orgId: bakehouse.org.id,
    actor: STAFF_ACTOR,
    input: {
      resourceId: resource.id,
      title: 'Private',
      startsAt: '2030-05-01T15:00:00Z',
      endsAt: '2030-05-01T16:00:00Z',
      status: 'pending',
    },
  });
  bakehouseBookingId = booking.id;
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

function bakehouseEndpoints(): [string, string, object?][] {
  const r = bakehouseResourceId;
  const b = bakehouseBookingId;
  const slot = { startsAt: '2030-05-02T15:00:00Z', endsAt: '2030-05-02T16:00:00Z' };
  return [
    ['GET', '/orgs/bakehouse/resources'],
    ['POST', '/orgs/bakehouse/resources', { title: 'Sneaky', type: 'space' }],
    ['GET', `/orgs/bakehouse/resources/${r}`],
    ['PATCH', `/orgs/bakehouse/resources/${r}`, { title: 'Renamed' }],
    ['GET', '/orgs/bakehouse/bookings'],
    ['POST', '/orgs/bakehouse/bookings', { resourceId: r, title: 'Sneaky', ...slot }],
    ['GET', `/orgs/bakehouse/bookings/${b}`],
    ['PATCH', `/orgs/bakehouse/bookings/${b}`, { title: 'Renamed' }],
    ['POST', `/orgs/bakehouse/bookings/${b}/approve`],
    ['POST', `/orgs/bakehouse/bookings/${b}/decline`],
    ['POST', `/orgs/bakehouse/bookings/${b}/confirm`],
    ['POST', `/orgs/bakehouse/bookings/${b}/cancel`],
  ];
}

describe('API tenancy and roles', () => {
  it('refuses every bakehouse endpoint to an oolite key, and changes nothing', async () => {
    for (const [method, path, body] of bakehouseEndpoints()) {
      for (const key of [oolite.adminKey, oolite.staffKey]) {
        const response = await api.request(method, path, { key, body });
        expect([response.status, response.body.error?.code], `${method} ${path}`).toEqual([403, 'forbidden']);
      }
    }
    const booking = await api.request('GET', `/orgs/bakehouse/bookings/${bakehouseBookingId}`, {
      key: bakehouse.staffKey,
    });
    expect([booking.body.title, booking.body.status]).toEqual(['Private', 'pending']);
  });

  it('does not find bakehouse items through oolite paths', async () => {
    const viaOolite = await api.request('GET', `/orgs/oolite/bookings/${bakehouseBookingId}`, { key: oolite.adminKey });
    expect(viaOolite.status).toBe(404);
    const resource = await api.request('GET', `/orgs/oolite/resources/${bakehouseResourceId}`, {
      key: oolite.adminKey,
    });
    expect(resource.status).toBe(404);
    const booking = await api.request('POST', '/orgs/oolite/bookings', {
      key: oolite.adminKey,
      body: {
        resourceId: bakehouseResourceId,
        title: 'x',
        startsAt: '2030-05-03T15:00:00Z',
        endsAt: '2030-05-03T16:00:00Z',
      },
    });
    expect([booking.status, Object.keys(booking.body.error.fields)]).toEqual([404, ['resourceId']]);
  });

  it('answers 401 without a key, with an unknown key, and with a revoked key', async () => {
    expect((await api.request('GET', '/orgs/oolite/resources')).status).toBe(401);
    expect((await api.request('GET', '/orgs/oolite/resources', { key: 'i24_not-a-real-key' })).status).toBe(401);
    const { key, apiKey } = await createApiKey(database.db, { orgId: oolite.org.id, role: 'admin', name: 'to revoke' });
    expect((await api.request('GET', '/orgs/oolite/resources', { key })).status).toBe(200);
    await revokeApiKey(database.db, oolite.org.id, apiKey.id);
    const revoked = await api.request('GET', '/orgs/oolite/resources', { key });
    expect([revoked.status, revoked.body.error.message]).toEqual([401, 'This API key is unknown or revoked']);
  });

  it('keeps resource changes to admin keys', async () => {
    const create = await api.request('POST', '/orgs/bakehouse/resources', {
      key: bakehouse.staffKey,
      body: { title: 'Kiln', type: 'equipment' },
    });
    expect([create.status, create.body.error.message]).toEqual([403, 'This needs an admin key; this key is staff']);
    const patch = await api.request('PATCH', `/orgs/bakehouse/resources/${bakehouseResourceId}`, {
      key: bakehouse.staffKey,
      body: { capacity: 3 },
    });
    expect(patch.status).toBe(403);
    const byAdmin = await api.request('POST', '/orgs/bakehouse/resources', {
      key: bakehouse.adminKey,
      body: { title: 'Kiln', type: 'equipment' },
    });
    expect([byAdmin.status, byAdmin.body.timeZone]).toEqual([201, 'America/New_York']);
  });

  it('documents every endpoint in the OpenAPI document, without a key', async () => {
    const doc = await api.request('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/orgs/{org}/bookings',
        '/api/v1/orgs/{org}/bookings/{id}/approve',
        '/api/v1/orgs/{org}/resources/{id}',
      ]),
    );
    const createBody =
      doc.body.paths['/api/v1/orgs/{org}/bookings'].post.requestBody.content['application/json'].schema;
    expect(createBody.required).toEqual(expect.arrayContaining(['resourceId', 'title', 'startsAt', 'endsAt']));
  });
});
