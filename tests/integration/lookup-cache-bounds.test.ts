import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOOKUP_CACHE_MS, setLookupCacheTtl } from '../../db/lookup-cache';
import { createApiKey, revokeApiKey } from '../../db/operations/accounts/api-keys';
import { updateResource } from '../../db/operations/bookings/resources';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';

/** Short, so the test proves the bound without waiting the 5 s of production. */
const TTL_MS = 400;
/** A request's own time on a busy machine, on top of the bound. */
const SLACK_MS = 250;

let database: TestDatabase;
let api: ApiServer;
let org: OrgFixture;

beforeAll(async () => {
  setLookupCacheTtl(TTL_MS);
  database = await createTestDatabase();
  api = await startApiServer(database.db);
  org = await createOrgWithKeys(database.db, 'cached');
});
afterAll(async () => {
  setLookupCacheTtl(MAX_LOOKUP_CACHE_MS);
  await api?.close();
  await database?.close();
});

/** Asks until `refused` holds; the milliseconds it took from `since`. */
async function msUntil(since: number, refused: () => Promise<boolean>): Promise<number> {
  while (!(await refused())) {
    if (performance.now() - since > 10 * TTL_MS) throw new Error(`still served after ${10 * TTL_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - since;
}

const hour = (n: number) => ({
  startsAt: `2031-03-03T${String(n).padStart(2, '0')}:00:00Z`,
  endsAt: `2031-03-03T${String(n).padStart(2, '0')}:30:00Z`,
});

describe('what the web process caches (API keys, resources)', () => {
  it('refuses a key revoked by another process within the cache lifetime', async () => {
    const { key, apiKey } = await createApiKey(database.db, {
      orgId: org.org.id,
      role: 'staff',
      name: 'revoked elsewhere',
    });
    expect((await api.request('GET', '/orgs/cached/resources', { key })).status).toBe(200);
    // Another process (the command line, another web process) revokes it: this one is not told.
    await database.db.execute(sql`update api_keys set revoked_at = now() where id = ${apiKey.id}`);
    const revokedAt = performance.now();
    const took = await msUntil(revokedAt, async () => {
      const answer = await api.request('GET', '/orgs/cached/resources', { key });
      return answer.status === 401;
    });
    expect(took).toBeLessThanOrEqual(TTL_MS + SLACK_MS);
  });

  it('refuses a key revoked through this process on the next request', async () => {
    const { key, apiKey } = await createApiKey(database.db, { orgId: org.org.id, role: 'staff', name: 'revoked here' });
    expect((await api.request('GET', '/orgs/cached/resources', { key })).status).toBe(200);
    await revokeApiKey(database.db, org.org.id, apiKey.id);
    const answer = await api.request('GET', '/orgs/cached/resources', { key });
    expect([answer.status, answer.body.error.message]).toEqual([401, 'This API key is unknown or revoked']);
  });

  it('refuses bookings of a resource archived by another process within the cache lifetime', async () => {
    const resource = await createTestResource(database.db, org.org.id, { title: 'Archived elsewhere' });
    const book = (n: number) =>
      api.request('POST', '/orgs/cached/bookings', {
        key: org.staffKey,
        body: { resourceId: resource.id, title: `Hour ${n}`, ...hour(n) },
      });
    expect((await book(1)).status).toBe(201);
    await database.db.execute(sql`update resources set archived_at = now() where id = ${resource.id}`);
    const archivedAt = performance.now();
    let n = 2;
    const took = await msUntil(archivedAt, async () => {
      const answer = await book(n++);
      return answer.status === 409 && /archived/.test(answer.body.error.message);
    });
    expect(took).toBeLessThanOrEqual(TTL_MS + SLACK_MS);
  });

  it('refuses bookings of a resource archived through this process at once', async () => {
    const resource = await createTestResource(database.db, org.org.id, { title: 'Archived here' });
    const book = (n: number) =>
      api.request('POST', '/orgs/cached/bookings', {
        key: org.staffKey,
        body: { resourceId: resource.id, title: `Hour ${n}`, ...hour(n) },
      });
    expect((await book(1)).status).toBe(201);
    await updateResource(database.db, {
      orgId: org.org.id,
      actor: ADMIN_ACTOR,
      id: resource.id,
      patch: { archived: true },
    });
    const answer = await book(2);
    expect([answer.status, answer.body.error.message]).toEqual([409, 'resourceId: "Archived here" is archived']);
  });
});
