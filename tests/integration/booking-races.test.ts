import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { openPostgres } from '../../db/client';
import { createBooking } from '../../db/operations/bookings/bookings';
import { bookings } from '../../db/schema/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';

describe.skipIf(needsPostgres('tests/integration/booking-races.test.ts › concurrent bookings over HTTP'))(
  'bookings racing over HTTP',
  () => {
    let database: TestDatabase;
    let api: ApiServer;
    let fixture: OrgFixture;

    beforeAll(async () => {
      database = await createTestDatabase({ maxConnections: 20 });
      api = await startApiServer(database.db);
      fixture = await createOrgWithKeys(database.db, 'race');
    });
    afterAll(async () => {
      await api?.close();
      await database?.close();
    });

    const post = (body: object) => api.request('POST', '/orgs/race/bookings', { key: fixture.staffKey, body });

    it('lets exactly one of 50 concurrent overlapping requests win and names the winner to the rest', async () => {
      const room = await createTestResource(database.db, fixture.org.id, { title: 'Kiln' });
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post({
            resourceId: room.id,
            title: `Firing ${i}`,
            startsAt: `2030-03-04T${String(10 + (i % 3)).padStart(2, '0')}:00:00Z`,
            endsAt: '2030-03-04T14:00:00Z',
          }),
        ),
      );
      const winners = responses.filter((r) => r.status === 201);
      const losers = responses.filter((r) => r.status === 409);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      const winner = winners[0].body;
      for (const loser of losers) {
        expect(loser.body.error.code).toBe('conflict');
        expect(loser.body.error.conflicts).toEqual([expect.objectContaining({ id: winner.id, title: winner.title })]);
      }
      const stored = await database.db.select().from(bookings).where(eq(bookings.resourceId, room.id));
      expect(stored).toHaveLength(1);
    });

    it('lets 40 racing writers of one resource meet the overlap check in line, not in a deadlock', async () => {
      // Without the line, rounds of 40 racers deadlocked about twice a round: each broken only after
      // deadlock_timeout (1 s), and a racer that lost three times answered with the raw error. Its own
      // pool, closed before reading: a backend reports its deadlocks to pg_stat_database as it exits.
      const deadlocks = async () => {
        const { rows } = await database.pool!.query(
          'select deadlocks::int as n from pg_stat_database where datname = current_database()',
        );
        return rows[0].n as number;
      };
      const rooms = await Promise.all(
        Array.from({ length: 10 }, (_, n) => createTestResource(database.db, fixture.org.id, { title: `Press ${n}` })),
      );
      const before = await deadlocks();
      const racers = openPostgres(database.url!, { maxConnections: 20 });
      const outcomes: PromiseSettledResult<unknown>[] = [];
      for (const room of rooms) {
        const round = await Promise.allSettled(
          Array.from({ length: 40 }, (_, i) =>
            createBooking(racers.db, {
              orgId: fixture.org.id,
              actor: STAFF_ACTOR,
              input: {
                resourceId: room.id,
                title: `Edition ${i}`,
                startsAt: `2030-03-09T10:${String(i % 30).padStart(2, '0')}:00Z`,
                endsAt: '2030-03-09T12:00:00Z',
              },
            }),
          ),
        );
        outcomes.push(...round);
      }
      await racers.close();
      const created = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(created).toHaveLength(rooms.length);
      expect(refused.every((error) => error instanceof AppError && error.code === 'conflict')).toBe(true);
      expect(await deadlocks()).toBe(before);
    });

    it('accepts touching intervals: [10:00, 11:00) then [11:00, 12:00)', async () => {
      const room = await createTestResource(database.db, fixture.org.id, { title: 'Darkroom' });
      const first = await post({
        resourceId: room.id,
        title: 'A',
        startsAt: '2030-03-05T10:00:00Z',
        endsAt: '2030-03-05T11:00:00Z',
      });
      const second = await post({
        resourceId: room.id,
        title: 'B',
        startsAt: '2030-03-05T11:00:00Z',
        endsAt: '2030-03-05T12:00:00Z',
      });
      expect([first.status, second.status]).toEqual([201, 201]);
    });

    it('frees the time of a cancelled booking', async () => {
      const room = await createTestResource(database.db, fixture.org.id, { title: 'Project room' });
      const slot = { resourceId: room.id, startsAt: '2030-03-06T15:00:00Z', endsAt: '2030-03-06T17:00:00Z' };
      const first = await post({ ...slot, title: 'Talk' });
      expect((await post({ ...slot, title: 'Clash' })).status).toBe(409);
      const cancelled = await api.request('POST', `/orgs/race/bookings/${first.body.id}/cancel`, {
        key: fixture.staffKey,
        body: { reason: 'speaker ill' },
      });
      expect(cancelled.body.status).toBe('cancelled');
      expect((await post({ ...slot, title: 'Replacement' })).status).toBe(201);
    });

    it('does not let an expired hold block anyone', async () => {
      const room = await createTestResource(database.db, fixture.org.id, { title: 'Laser cutter' });
      const slot = { resourceId: room.id, startsAt: '2030-03-07T15:00:00Z', endsAt: '2030-03-07T16:00:00Z' };
      // A hold taken "in 2020" for 5 minutes is long expired by now.
      const hold = await createBooking(database.db, {
        orgId: fixture.org.id,
        actor: STAFF_ACTOR,
        now: new Date('2020-01-01T00:00:00Z'),
        input: { ...slot, title: 'Old hold', status: 'hold', holdMinutes: 5 },
      });
      const response = await post({ ...slot, title: 'Cutting' });
      expect(response.status).toBe(201);
      const [old] = await database.db.select().from(bookings).where(eq(bookings.id, hold.id));
      expect(old.status).toBe('cancelled');
    });

    it('never double-books when many requests race for a mix of slots on a few resources', async () => {
      const rooms = await Promise.all(
        [1, 2, 3].map((n) => createTestResource(database.db, fixture.org.id, { title: `Booth ${n}` })),
      );
      const requests = Array.from({ length: 60 }, (_, i) => {
        const startHour = 9 + (i % 6);
        return post({
          resourceId: rooms[i % 3].id,
          title: `Slot ${i}`,
          startsAt: `2030-03-08T${String(startHour).padStart(2, '0')}:00:00Z`,
          endsAt: `2030-03-08T${String(startHour + 1 + (i % 2)).padStart(2, '0')}:00:00Z`,
        });
      });
      const statuses = (await Promise.all(requests)).map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const overlaps = await database.pool!.query(`
      select count(*)::int as n from bookings a join bookings b
        on a.resource_id = b.resource_id and a.id < b.id and a.time_range && b.time_range
      where a.status in ('pending', 'confirmed') and b.status in ('pending', 'confirmed')`);
      expect(overlaps.rows[0].n).toBe(0);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(3);
    });
  },
);
