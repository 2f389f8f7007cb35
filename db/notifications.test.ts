import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../tests/support/database';
import { createTestResource, STAFF_ACTOR } from '../tests/support/fixtures';
import { transitionBooking } from './operations/bookings/booking-transitions';
import { createBooking } from './operations/bookings/bookings';
import { createOrganization, type Organization } from './operations/accounts/organizations';
import { listenForBookingChanges } from './notifications';

const NOW = new Date('2030-01-01T12:00:00Z');
let database: TestDatabase;
let orgs: Organization[];
let rooms: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  orgs = [
    await createOrganization(database.db, { slug: 'notify-a', name: 'A', timeZone: 'America/New_York' }),
    await createOrganization(database.db, { slug: 'notify-b', name: 'B', timeZone: 'America/New_York' }),
  ];
  rooms = [
    (await createTestResource(database.db, orgs[0].id, { title: 'Room A' })).id,
    (await createTestResource(database.db, orgs[1].id, { title: 'Room B' })).id,
  ];
});
afterAll(() => database?.close());

const book = (index: number, hour: number) =>
  createBooking(database.db, {
    orgId: orgs[index].id,
    actor: STAFF_ACTOR,
    now: NOW,
    input: {
      resourceId: rooms[index],
      title: `Hour ${hour}`,
      startsAt: `2030-02-04T${hour}:00:00Z`,
      endsAt: `2030-02-04T${hour}:45:00Z`,
    },
  });

describe('booking change notifications', () => {
  it('name the organization of every committed booking write, once per transaction', async () => {
    const heard: string[] = [];
    const unlisten = await listenForBookingChanges(database, (orgId) => heard.push(orgId));
    try {
      const first = await book(0, 14);
      // A change and its audit and outbox rows: still one notification for the organization.
      await transitionBooking(database.db, 'cancel', { orgId: orgs[0].id, actor: STAFF_ACTOR, id: first.id, now: NOW });
      await book(1, 14);
      // Notifications arrive in commit order: once B's is here, A's two have been heard.
      await expect.poll(() => heard.includes(orgs[1].id), { timeout: 10_000 }).toBe(true);
      expect(heard).toEqual([orgs[0].id, orgs[0].id, orgs[1].id]);
    } finally {
      await unlisten();
    }
  });
});

describe.skipIf(needsPostgres('db/notifications.test.ts › a lost LISTEN connection'))(
  'a lost LISTEN connection',
  () => {
    it('is opened again, says so, and hears what is written after', async () => {
      const heard: string[] = [];
      let resumed = 0;
      const unlisten = await listenForBookingChanges(
        database,
        (orgId) => heard.push(orgId),
        () => resumed++,
      );
      try {
        // What a database restart does to the connection.
        const terminated = await database.pool!.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen bookings_changed'",
        );
        expect(terminated.rowCount).toBe(1);
        await expect.poll(() => resumed, { timeout: 10_000 }).toBe(1);
        await book(1, 16);
        await expect.poll(() => heard, { timeout: 10_000 }).toEqual([orgs[1].id]);
      } finally {
        await unlisten();
      }
    });
  },
);
