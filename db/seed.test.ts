import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { authenticateApiKey } from './operations/accounts/api-keys';
import { listBookings } from './operations/bookings/booking-records';
import { listOrganizations } from './operations/accounts/organizations';
import { listResources } from './operations/bookings/resources';
import { listPublicWorkshops } from './operations/workshops/workshop-catalog';
import { memberships } from './schema/index';
import * as Y from 'yjs';
import { findProblems } from '../core/draft/conflicts';
import { readDraft } from '../core/draft/model';
import { loadResourceFacts } from './operations/seasons/publish-state';
import { listSeasons, loadDraftState } from './operations/seasons/seasons';
import { rotateDemoApiKeys, seedDemo } from './seed';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('demo seed', () => {
  it('creates the three demo organizations with resources of every kind, people and upcoming bookings', async () => {
    const created = await seedDemo(database.db, new Date('2026-11-25T15:00:00Z'));
    expect(created).toEqual(['oolite', 'bakehouse', 'locust']);
    const orgs = await listOrganizations(database.db);
    expect(orgs.map((o) => o.name)).toEqual(['Bakehouse Art Complex', 'Locust Projects', 'Oolite Arts']);
    for (const org of orgs) {
      const types = new Set((await listResources(database.db, org.id)).map((r) => r.type));
      expect([...types].sort()).toEqual(['equipment', 'person', 'space']);
      const bookings = await listBookings(database.db, org.id, {});
      expect(bookings.length).toBeGreaterThan(1);
      // Seeded in the week after "now", never in the past.
      expect(bookings.every((b) => b.startsAt > new Date('2026-11-30T04:59:00Z'))).toBe(true);
    }
    for (const org of orgs) {
      const resources = await listResources(database.db, org.id);
      // Something for /equipment and /studio-visits in every demo organization.
      expect(resources.some((r) => r.type === 'equipment' && r.availabilityRules.weekly)).toBe(true);
      expect(resources.find((r) => r.type === 'person')).toMatchObject({
        visitMinutes: 45,
        bufferMinutes: 15,
        minNoticeMinutes: 1440,
      });
    }
    expect(await database.db.select().from(memberships)).toHaveLength(9);
    const oolite = orgs.find((o) => o.slug === 'oolite')!;
    const [cyanotype] = await listPublicWorkshops(database.db, oolite.id, new Date('2026-11-25T15:00:00Z'));
    // Saturdays 5 and 12 December, 10:00 in New York.
    expect([cyanotype.title, cyanotype.sessions.map((s) => s.startsAt.toISOString())]).toEqual([
      'Cyanotype Saturdays',
      ['2026-12-05T15:00:00.000Z', '2026-12-12T15:00:00.000Z'],
    ]);
  });

  it("gives Oolite a draft season after the demo bookings' week, with one overlap and one room too small", async () => {
    const orgs = await listOrganizations(database.db);
    const oolite = orgs.find((o) => o.slug === 'oolite')!;
    const [season] = await listSeasons(database.db, oolite.id);
    // Seeded on Wednesday 25 November: the bookings' week starts Monday 30 November, the season a week later.
    expect([season.name, season.startsOn, season.endsOn]).toEqual(['Winter 2026', '2026-12-07', '2027-01-17']);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadDraftState(database.db, season.id))!);
    const draft = readDraft(doc);
    expect(Object.keys(draft.workshops)).toHaveLength(6);
    expect(Object.keys(draft.sessions)).toHaveLength(21);
    expect(Object.keys(draft.blocks)).toHaveLength(1);
    const problems = findProblems(draft, { resources: await loadResourceFacts(database.db, oolite.id), existing: [] });
    expect(problems.map((p) => `${p.severity} ${p.code}`).sort()).toEqual(['hard overlap', 'soft over_capacity']);
    for (const other of orgs.filter((o) => o.slug !== 'oolite'))
      expect(await listSeasons(database.db, other.id)).toEqual([]);
  });

  it('is idempotent', async () => {
    expect(await seedDemo(database.db)).toEqual([]);
    expect(await listOrganizations(database.db)).toHaveLength(3);
  });

  it('rotates the printed demo keys: the previous ones stop working', async () => {
    const [first] = await rotateDemoApiKeys(database.db);
    expect(await authenticateApiKey(database.db, first.key)).toBeDefined();
    const [second] = await rotateDemoApiKeys(database.db);
    expect(await authenticateApiKey(database.db, first.key)).toBeUndefined();
    expect((await authenticateApiKey(database.db, second.key))?.org.slug).toBe('oolite');
  });
});
