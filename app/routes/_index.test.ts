import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/env';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { respond } from '../../tests/support/remix';
import { loader as orgLoader } from './$org._index';
import { loader } from './_index';

let database: TestDatabase;
const config = parseConfig({});

beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganization(database.db, { slug: 'locust', name: 'Locust Projects', timeZone: 'America/New_York' });
  await createOrganization(database.db, {
    slug: 'bakehouse',
    name: 'Bakehouse Art Complex',
    timeZone: 'America/New_York',
  });
});
afterAll(() => database?.close());

describe('home page', () => {
  it('lists the organizations by name', async () => {
    const response = await respond(() =>
      loader({
        request: new Request('http://localhost/'),
        params: {},
        context: { db: database.db, config, clientIp: '127.0.0.1' },
      }),
    );
    const body = await response.json();
    expect(body.organizations.map((o: { slug: string }) => o.slug)).toEqual(['bakehouse', 'locust']);
  });

  it('answers 404 for an organization that does not exist', async () => {
    const thrown = await orgLoader({
      request: new Request('http://localhost/nowhere'),
      params: { org: 'nowhere' },
      context: { db: database.db, config, clientIp: '127.0.0.1' },
    }).catch((error) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
