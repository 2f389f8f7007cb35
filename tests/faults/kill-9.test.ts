import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { assertBuilt, freePort, startProcess, type RunningProcess } from '../support/processes';
import { createWorkshopWithSession } from '../support/workshops';

const BOOKINGS = 160;
const REGISTRATIONS = 160;
const CAPACITY = 6;
const IN_FLIGHT = 24;
/** Answers received before the kill: enough that the load is in full swing. */
const KILL_AFTER = 60;

interface Attempt {
  path: string;
  key?: string;
  body: object;
  idempotencyKey: string;
  /** The answer, or undefined while none came (in flight at the kill, or never sent). */
  answer?: { status: number; body: any; replayed: boolean };
}

async function send(baseUrl: string, attempt: Attempt): Promise<Attempt['answer']> {
  const response = await fetch(`${baseUrl}/api/v1${attempt.path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': attempt.idempotencyKey,
      ...(attempt.key ? { authorization: `Bearer ${attempt.key}` } : {}),
    },
    body: JSON.stringify(attempt.body),
  });
  return {
    status: response.status,
    body: await response.json(),
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await database.db.execute(query)).rows as T[];
}

describe.skipIf(needsPostgres('tests/faults/kill-9.test.ts › kill -9 under load'))(
  'the server killed with SIGKILL under load',
  () => {
    let database: TestDatabase;
    let fixture: OrgFixture;
    let server: RunningProcess | undefined;
    let port: number;
    const attempts: Attempt[] = [];

    async function startServer(): Promise<RunningProcess> {
      const started = startProcess('server.ts', ['all'], {
        DATABASE_URL: database.url!,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DEMO: '0',
        LOG_LEVEL: 'warn',
        REGISTRATIONS_PER_IP_PER_HOUR: '100000',
      });
      await started.waitFor(/Infra24 is running/, 90_000);
      return started;
    }

    beforeAll(async () => {
      assertBuilt();
      database = await createTestDatabase();
      fixture = await createOrgWithKeys(database.db, 'kill');
      const rooms = await Promise.all(
        ['Kiln', 'Darkroom', 'Print shop', 'Wood shop'].map((title) =>
          createTestResource(database.db, fixture.org.id, { title }),
        ),
      );
      const classroom = await createTestResource(database.db, fixture.org.id, { title: 'Classroom' });
      const sessions = await Promise.all(
        ['2030-04-02', '2030-04-03', '2030-04-04'].map(async (day, i) => {
          const { session } = await createWorkshopWithSession(database.db, {
            orgId: fixture.org.id,
            resourceId: classroom.id,
            slug: `night-${i}`,
            capacity: CAPACITY,
            startsAt: `${day}T22:00:00Z`,
            endsAt: `${day}T23:30:00Z`,
          });
          return session.id;
        }),
      );
      // Bookings that often overlap (four rooms, 2-hour blocks starting on the hour of one day), so some lose with a 409.
      for (let n = 0; n < BOOKINGS; n++) {
        const hour = 8 + ((n * 7) % 10);
        attempts.push({
          path: '/orgs/kill/bookings',
          key: fixture.staffKey,
          idempotencyKey: randomUUID(),
          body: {
            resourceId: rooms[n % rooms.length].id,
            title: `Block ${n}`,
            startsAt: `2030-03-04T${String(hour).padStart(2, '0')}:00:00-05:00`,
            endsAt: `2030-03-04T${String(hour + 2).padStart(2, '0')}:00:00-05:00`,
          },
        });
      }
      for (let n = 0; n < REGISTRATIONS; n++) {
        attempts.push({
          path: `/orgs/kill/sessions/${sessions[n % sessions.length]}/registrations`,
          idempotencyKey: randomUUID(),
          body: { name: `Person ${n}`, email: `person${n}@example.org` },
        });
      }
      // Bookings and registrations interleaved, so both are in flight when the process dies.
      attempts.sort((a, b) => a.idempotencyKey.localeCompare(b.idempotencyKey));
      port = await freePort();
      server = await startServer();
    }, 180_000);
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await database?.close();
    });

    it('keeps every invariant, and clients whose answer was lost get the committed result by retrying', async () => {
      const baseUrl = `http://127.0.0.1:${port}`;
      let answered = 0;
      let next = 0;
      const doomed = server!;
      // The kill comes the moment a transaction commits (its event's NOTIFY), before the server can answer it.
      const commits = new pg.Client({ connectionString: database.url });
      await commits.connect();
      await commits.query('listen integration_outbox');
      let armed = false;
      commits.on('notification', () => {
        if (!armed) return;
        armed = false;
        // Frozen first: COMMITs already on their way still land while the server can no longer answer them.
        doomed.child.kill('SIGSTOP');
        setTimeout(() => doomed.child.kill('SIGKILL'), 300);
      });
      const worker = async () => {
        while (next < attempts.length && doomed.child.exitCode === null) {
          const attempt = attempts[next++];
          try {
            attempt.answer = await send(baseUrl, attempt);
            if (++answered === KILL_AFTER) armed = true;
          } catch {
            // The connection died with the process: this client never learned what happened.
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      await doomed.stop('SIGKILL');
      await commits.end();
      const lost = attempts.filter((a) => a.answer === undefined);
      expect(answered).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(answered).toBeLessThan(attempts.length);
      expect(lost.length).toBeGreaterThan(0);

      server = await startServer();
      // Every client without an answer retries with its key; answered ones retry too, and must hear the same.
      const firstAnswers = new Map(attempts.map((a) => [a, a.answer]));
      let cursor = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (cursor < attempts.length) {
            const attempt = attempts[cursor++];
            attempt.answer = await send(baseUrl, attempt);
          }
        }),
      );
      for (const attempt of attempts) {
        const first = firstAnswers.get(attempt);
        expect(attempt.answer!.status, JSON.stringify(attempt.answer!.body)).toBeLessThan(500);
        if (first?.status === 201) {
          expect(attempt.answer).toEqual({ ...first, replayed: true });
        }
      }

      // What the clients now know is exactly what the database holds: no write without its answer.
      const bookingIds = attempts
        .filter((a) => a.path.endsWith('/bookings') && a.answer!.status === 201)
        .map((a) => a.answer!.body.id)
        .sort();
      const registrationIds = attempts
        .filter((a) => a.path.endsWith('/registrations') && a.answer!.status === 201)
        .map((a) => a.answer!.body.id)
        .sort();
      const storedBookings = await rows<{ id: string }>(
        database,
        sql`select b.id from bookings b join resources r on r.id = b.resource_id
            where b.org_id = ${fixture.org.id} and r.title <> 'Classroom' order by b.id`,
      );
      const storedRegistrations = await rows<{ id: string }>(
        database,
        sql`select id from workshop_registrations where org_id = ${fixture.org.id} order by id`,
      );
      expect(storedBookings.map((r) => r.id)).toEqual(bookingIds);
      expect(storedRegistrations.map((r) => r.id)).toEqual(registrationIds);
      expect(new Set(registrationIds).size).toBe(REGISTRATIONS);
      const lostButDone = lost.filter((a) => a.answer!.replayed).length;
      console.info(
        `kill -9: ${answered} answered before the kill, ${lost.length} lost; ${lostButDone} of those had been committed and were replayed`,
      );

      // No two active bookings of one resource overlap.
      const overlaps = await rows(
        database,
        sql`select a.id, b.id from bookings a join bookings b
            on a.resource_id = b.resource_id and a.id < b.id and a.time_range && b.time_range
            where a.status in ('pending', 'confirmed') and b.status in ('pending', 'confirmed')`,
      );
      expect(overlaps).toEqual([]);
      // No session over capacity, and each waitlist numbered 1..n.
      const sessions = await rows<{ capacity: number; seated: number; positions: number[] | null }>(
        database,
        sql`select s.capacity,
              count(*) filter (where r.status in ('registered', 'attended', 'no_show', 'offered'))::int as seated,
              array_agg(r.waitlist_position order by r.waitlist_position)
                filter (where r.status = 'waitlisted') as positions
            from workshop_sessions s left join workshop_registrations r on r.session_id = s.id
            where s.org_id = ${fixture.org.id} group by s.id, s.capacity`,
      );
      expect(sessions).toHaveLength(3);
      for (const session of sessions) {
        expect(session.seated).toBe(CAPACITY);
        const positions = session.positions ?? [];
        expect(positions).toEqual(positions.map((_, i) => i + 1));
      }
      // Each booking has its audit row and its event; each registration its event.
      const bookingsWithout = await rows(
        database,
        sql`select b.id from bookings b
            where b.org_id = ${fixture.org.id} and b.season_id is null
              and b.id in (${sql.join(
                bookingIds.map((id) => sql`${id}::uuid`),
                sql`, `,
              )})
              and (
                (select count(*) from audit_log a where a.entity_id = b.id and a.action = 'booking.created') <> 1
                or (select count(*) from integration_outbox o
                    where o.topic = 'booking.confirmed' and o.payload->'booking'->>'id' = b.id::text) <> 1
              )`,
      );
      expect(bookingsWithout).toEqual([]);
      const registrationsWithout = await rows(
        database,
        sql`select r.id from workshop_registrations r
            where r.org_id = ${fixture.org.id}
              and (select count(*) from integration_outbox o
                   where o.topic in ('registration.confirmed', 'registration.waitlisted')
                     and o.payload->'registration'->>'id' = r.id::text) <> 1`,
      );
      expect(registrationsWithout).toEqual([]);
    });
  },
);
