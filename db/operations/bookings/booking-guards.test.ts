import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../../../tests/support/database';
import { createTestResource } from '../../../tests/support/fixtures';
import { withConflictReporting } from './booking-guards';
import { createOrganization } from '../accounts/organizations';

const NOW = new Date('2030-01-01T12:00:00Z');
let database: TestDatabase;
let first: string;
let second: string;
const skip = needsPostgres('db/operations/bookings/booking-guards.test.ts');

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase();
  const org = await createOrganization(database.db, { slug: 'guards', name: 'Guards', timeZone: 'America/New_York' });
  first = (await createTestResource(database.db, org.id, { title: 'Press' })).id;
  second = (await createTestResource(database.db, org.id, { title: 'Kiln' })).id;
});
afterAll(() => database?.close());

const lockRow = (id: string) => sql`select id from resources where id = ${id} for update`;

describe.skipIf(skip)('a booking write chosen as a deadlock victim', () => {
  it('is run again from the start, and its second run commits', async () => {
    const other = await database.pool!.connect();
    try {
      // The other transaction holds the second row and waits its turn patiently (it never gives up first).
      await other.query('begin');
      await other.query("set local deadlock_timeout = '10s'");
      await other.query('select id from resources where id = $1 for update', [second]);
      let otherWaitsForFirst: Promise<unknown> | undefined;
      let runs = 0;
      const result = await withConflictReporting(database.db, NOW, async (tx) => {
        runs++;
        await tx.execute(lockRow(first));
        if (runs === 1) {
          // Lock the rows in the opposite order to the other transaction: a deadlock this one detects.
          await tx.execute(sql`set local deadlock_timeout = '50ms'`);
          otherWaitsForFirst = other
            .query('select id from resources where id = $1 for update', [first])
            .then(() => other.query('commit'));
          await untilSomeoneWaitsForALock();
          await tx.execute(lockRow(second));
        }
        return 'written';
      });
      expect([result, runs]).toEqual(['written', 2]);
      await otherWaitsForFirst;
    } finally {
      other.release();
    }
  });
});

/** Waits until the other transaction's statement waits for the lock, so the deadlock is certain. */
async function untilSomeoneWaitsForALock() {
  for (let tries = 0; tries < 100; tries++) {
    const { rows } = await database.pool!.query<{ waiting: number }>(
      "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the other transaction never waited for the lock');
}
