import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres } from '../tests/support/database';
import { createTestResource } from '../tests/support/fixtures';
import { openPglite, type DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';
import { createOrganization } from './operations/accounts/organizations';
import { pgErrorInfo } from './pg-errors';
import { bookings } from './schema/index';

/** The same checks on both engines: the constraints that make double-booking impossible exist and bite. */
function constraintSuite(open: () => Promise<DatabaseHandle>) {
  let handle: DatabaseHandle;
  afterAll(() => handle?.close());

  it('creates the exclusion constraint, the end-after-start check and the SEQUENCE trigger', async () => {
    handle = await open();
    const result = await handle.db.execute(sql`
      select conname, contype from pg_constraint
      where conrelid = 'bookings'::regclass and conname in ('bookings_no_overlap', 'bookings_ends_after_starts')
      order by conname`);
    expect(result.rows).toEqual([
      { conname: 'bookings_ends_after_starts', contype: 'c' },
      { conname: 'bookings_no_overlap', contype: 'x' },
    ]);
    const triggers = await handle.db.execute(
      sql`select tgname from pg_trigger where tgrelid = 'bookings'::regclass and not tgisinternal order by tgname`,
    );
    // The SEQUENCE/updated_at trigger, and the live-calendar notifications (migration 0010).
    expect(triggers.rows.map((row) => row.tgname)).toEqual([
      'bookings_deleted_notify',
      'bookings_inserted_notify',
      'bookings_touch',
      'bookings_updated_notify',
    ]);
  });

  it('refuses an overlap with 23P01, allows touching intervals, ignores cancelled bookings', async () => {
    const { db } = handle;
    const org = await createOrganization(db, { slug: 'constraint-org', name: 'C', timeZone: 'America/New_York' });
    const resource = await createTestResource(db, org.id);
    const row = (startsAt: string, endsAt: string, status: 'confirmed' | 'cancelled' = 'confirmed') => ({
      orgId: org.id,
      resourceId: resource.id,
      title: `${startsAt}`,
      status,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
    });
    await db.insert(bookings).values(row('2030-01-07T15:00:00Z', '2030-01-07T16:00:00Z'));
    await db.insert(bookings).values(row('2030-01-07T16:00:00Z', '2030-01-07T17:00:00Z')); // touching: [) allows it
    await db.insert(bookings).values(row('2030-01-07T15:30:00Z', '2030-01-07T16:30:00Z', 'cancelled'));
    const overlap = await db
      .insert(bookings)
      .values(row('2030-01-07T15:30:00Z', '2030-01-07T15:45:00Z'))
      .catch((e) => e);
    expect(pgErrorInfo(overlap)).toEqual({ code: '23P01', constraint: 'bookings_no_overlap' });
    // Backwards: the generated range refuses it (22000) before the CHECK is reached.
    const backwards = await db
      .insert(bookings)
      .values(row('2030-01-07T18:00:00Z', '2030-01-07T17:00:00Z'))
      .catch((e) => e);
    expect(pgErrorInfo(backwards)?.code).toBe('22000');
    // Zero length is an empty range, which the CHECK refuses.
    const empty = await db
      .insert(bookings)
      .values(row('2030-01-07T18:00:00Z', '2030-01-07T18:00:00Z'))
      .catch((e) => e);
    expect(pgErrorInfo(empty)).toEqual({ code: '23514', constraint: 'bookings_ends_after_starts' });
  });

  it('raises SEQUENCE when a booking changes time and leaves it when nothing visible changes', async () => {
    const { db } = handle;
    const [created] = await db.select().from(bookings).limit(1);
    const [moved] = await db
      .update(bookings)
      .set({ startsAt: new Date('2030-02-01T15:00:00Z'), endsAt: new Date('2030-02-01T16:00:00Z') })
      .where(sql`${bookings.id} = ${created.id}`)
      .returning();
    expect(moved.sequence).toBe(created.sequence + 1);
    const [touched] = await db
      .update(bookings)
      .set({ metadata: { note: 'x' } })
      .where(sql`${bookings.id} = ${created.id}`)
      .returning();
    expect(touched.sequence).toBe(moved.sequence);
  });
}

describe('migrations on embedded PGlite', () => {
  constraintSuite(async () => {
    const handle = await openPglite();
    await migrateDatabase(handle);
    await migrateDatabase(handle); // running them again is a no-op
    return handle;
  });
});

describe.skipIf(needsPostgres('db/migrations.test.ts › migrations on PostgreSQL'))('migrations on PostgreSQL', () => {
  constraintSuite(async () => {
    const handle = await createTestDatabase();
    const version = await handle.db.execute(sql`show server_version_num`);
    expect(Number((version.rows[0] as { server_version_num: string }).server_version_num)).toBeGreaterThanOrEqual(
      150000,
    );
    return handle;
  });
});
