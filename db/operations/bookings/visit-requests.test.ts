import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../../../tests/support/database';
import { ADMIN_ACTOR, createOrgWithKeys, createTestResource } from '../../../tests/support/fixtures';
import { bookings, users } from '../../schema/index';
import { updateResource } from './resources';
import { requestVisit } from './visit-requests';

describe.skipIf(needsPostgres('db/operations/bookings/visit-requests.test.ts › concurrent visit requests'))(
  'visit requests racing for one slot',
  () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase({ maxConnections: 12 });
    });
    afterAll(async () => {
      // pool.end() resolves before every connection has closed; the test database's forced drop may cut
      // one that is still closing, which is expected here and not a failure of the code under test.
      database?.pool?.on('error', () => {});
      await database?.close();
    });

    it('gives the slot to exactly one of 20 guests; the rest hear it is taken and leave no guest account behind', async () => {
      const { org } = await createOrgWithKeys(database.db, 'race-visits');
      const artist = await createTestResource(database.db, org.id, {
        title: 'Jo Park',
        type: 'person',
        availabilityRules: { weekly: { tue: [{ start: '13:00', end: '17:00' }] } },
      });
      await updateResource(database.db, {
        orgId: org.id,
        actor: ADMIN_ACTOR,
        id: artist.id,
        patch: { visitMinutes: 45, bufferMinutes: 15, allowPublicRequests: true },
      });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          requestVisit(database.db, {
            orgId: org.id,
            resourceId: artist.id,
            startsAt: new Date('2030-01-08T18:00:00Z'),
            now: new Date('2030-01-01T12:00:00Z'),
            requester: { name: `Guest ${i}`, email: `guest${i}@example.org` },
            requesterName: `Guest ${i}`,
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const failure of lost) {
        expect(failure.reason).toMatchObject({
          code: 'conflict',
          fields: { startsAt: ['is already taken: booked Tuesday, January 8, 2030, 1:00 – 1:45 PM EST'] },
        });
      }
      expect(await database.db.select().from(bookings).where(eq(bookings.resourceId, artist.id))).toHaveLength(1);
      const guests = (await database.db.select().from(users)).filter((u) => u.email.startsWith('guest'));
      expect(guests).toHaveLength(1);
    });
  },
);
