import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../core/errors';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../../../tests/support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../../../tests/support/fixtures';
import { integrationOutbox, workshopRegistrations } from '../../schema/index';
import { cancelRegistration, registerForSession } from './registrations';
import { requireSessionFacts } from '../workshops/workshop-sessions';
import { addWorkshopSession, createWorkshop } from '../workshops/workshops';

const BASE_URL = 'http://localhost:3000';
const NOW = new Date('2030-01-15T12:00:00Z');
// Tuesdays 18:00–20:00 in New York, across the DST change of 2030-03-10 (EST → EDT).
const TUESDAYS = [
  ['2030-03-05T23:00:00Z', '2030-03-06T01:00:00Z'],
  ['2030-03-12T22:00:00Z', '2030-03-13T00:00:00Z'],
  ['2030-03-19T22:00:00Z', '2030-03-20T00:00:00Z'],
] as const;

let database: TestDatabase;
let oolite: OrgFixture;
let roomId: string;

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 12 });
  oolite = await createOrgWithKeys(database.db, 'series');
  roomId = (await createTestResource(database.db, oolite.org.id, { title: 'Print shop' })).id;
});
afterAll(() => database?.close());

let weekOffset = 0;
/** A published series workshop with three weekly sessions, each in a week of its own. */
async function seriesWorkshop(slug: string, capacity: number, mode: 'series' | 'per_session' = 'series') {
  const workshop = await createWorkshop(database.db, {
    orgId: oolite.org.id,
    actor: STAFF_ACTOR,
    workshop: {
      title: `Series ${slug}`,
      slug,
      description: 'Three evenings.',
      capacity,
      tags: [],
      isPublic: true,
      registrationMode: mode,
      published: true,
    },
  });
  const shift = (iso: string) => new Date(new Date(iso).getTime() + weekOffset * 21 * 86_400_000);
  const sessions = [];
  for (const [startsAt, endsAt] of TUESDAYS) {
    const { session } = await addWorkshopSession(database.db, {
      orgId: oolite.org.id,
      actor: STAFF_ACTOR,
      workshopId: workshop.id,
      session: { resourceId: roomId, startsAt: shift(startsAt), endsAt: shift(endsAt) },
    });
    sessions.push(session);
  }
  weekOffset++;
  return { workshop, sessions };
}

const signUp = (sessionId: string, who: string, now = NOW) =>
  registerForSession(database.db, {
    orgId: oolite.org.id,
    sessionId,
    name: who,
    email: `${who}@example.org`,
    audience: 'public',
    baseUrl: BASE_URL,
    now,
  });

const startOf = async (sessionId: string) =>
  (await requireSessionFacts(database.db, oolite.org.id, sessionId)).startsAt;

const rowsOf = (sessionIds: string[]) =>
  database.db.select().from(workshopRegistrations).where(inArray(workshopRegistrations.sessionId, sessionIds));

describe('a workshop booked as a whole series', () => {
  it('registers the person for every upcoming session in one group, the manage link on the chosen one', async () => {
    const { sessions } = await seriesWorkshop('etching', 4);
    const result = await signUp(sessions[1].id, 'ana');
    expect(result.series?.map((r) => [r.sessionId, r.status])).toEqual(sessions.map((s) => [s.id, 'registered']));
    const rows = await rowsOf(sessions.map((s) => s.id));
    expect(new Set(rows.map((r) => r.seriesGroupId)).size).toBe(1);
    expect(rows[0].seriesGroupId).not.toBeNull();
    expect(rows.filter((r) => r.manageTokenHash !== null).map((r) => r.sessionId)).toEqual([sessions[1].id]);
    const events = await database.db
      .select()
      .from(integrationOutbox)
      .where(
        and(
          eq(integrationOutbox.topic, 'registration.confirmed'),
          sql`${integrationOutbox.payload}->'registration'->>'email' = 'ana@example.org'`,
        ),
      );
    expect(events.map((e) => (e.payload as { session: { id: string } }).session.id).sort()).toEqual(
      sessions.map((s) => s.id).sort(),
    );
    // Every email carries the one manage link, which stands for the whole series.
    const links = new Set(
      events.map((e) => (e.payload as { registration: { manageUrl: string } }).registration.manageUrl),
    );
    expect([...links]).toEqual([`${BASE_URL}/series/registrations/${result.manageToken}`]);
  });

  it('leaves out sessions that have started: a late sign-up books what is left', async () => {
    const { sessions } = await seriesWorkshop('late', 4);
    const afterFirst = new Date((await startOf(sessions[0].id)).getTime() + 3 * 3_600_000);
    const result = await signUp(sessions[2].id, 'lou', afterFirst);
    expect(result.series?.map((r) => r.sessionId)).toEqual([sessions[1].id, sessions[2].id]);
  });

  it('puts the whole group on the waitlist when any session is full, with one email naming the place', async () => {
    const { sessions } = await seriesWorkshop('full', 1);
    await signUp(sessions[0].id, 'first');
    const waiting = await signUp(sessions[1].id, 'second');
    expect([
      waiting.registration.status,
      waiting.registration.waitlistPosition,
      waiting.registration.sessionId,
    ]).toEqual(['waitlisted', 1, sessions[1].id]);
    expect(waiting.series?.map((r) => [r.sessionId, r.status, r.waitlistPosition, r.seriesGroupId])).toEqual(
      sessions.map((s) => [s.id, 'waitlisted', 1, waiting.registration.seriesGroupId]),
    );
    const third = await signUp(sessions[2].id, 'third');
    expect(third.series?.map((r) => r.waitlistPosition)).toEqual([2, 2, 2]);
    const emails = await database.db
      .select()
      .from(integrationOutbox)
      .where(sql`${integrationOutbox.payload}->'registration'->>'email' = 'second@example.org'`);
    expect(
      emails.map((e) => [e.topic, (e.payload as { registration: { position: number } }).registration.position]),
    ).toEqual([['registration.waitlisted', 1]]);
  });

  it('refuses someone already signed up for one of its sessions', async () => {
    const { sessions } = await seriesWorkshop('twice', 5);
    await signUp(sessions[0].id, 'bo');
    const again = await signUp(sessions[2].id, 'bo').catch((error: unknown) => error);
    expect(isAppError(again) && again.code).toBe('conflict');
    expect((await rowsOf(sessions.map((s) => s.id))).length).toBe(3);
  });

  it('cancels the whole group with the manage link, offering each freed seat to that session’s waitlist', async () => {
    const { workshop, sessions } = await seriesWorkshop('cancel', 1);
    const ana = await signUp(sessions[0].id, 'cara');
    // Someone waiting for the middle session from before the workshop became a series.
    await database.db.insert(workshopRegistrations).values({
      orgId: oolite.org.id,
      workshopId: workshop.id,
      sessionId: sessions[1].id,
      email: 'wait@example.org',
      name: 'Wait',
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    const refused = await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: ana.registration.id,
      token: 'wrong',
      baseUrl: BASE_URL,
      now: NOW,
    }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('forbidden');
    await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: ana.registration.id,
      token: ana.manageToken,
      baseUrl: BASE_URL,
      now: NOW,
    });
    const rows = await rowsOf(sessions.map((s) => s.id));
    expect(rows.filter((r) => r.email === 'cara@example.org').map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(rows.find((r) => r.email === 'wait@example.org')?.status).toBe('offered');
    const topics = await database.db
      .select({ topic: integrationOutbox.topic, payload: integrationOutbox.payload })
      .from(integrationOutbox)
      .where(
        inArray(
          sql`${integrationOutbox.payload}->'session'->>'id'`,
          sessions.map((s) => s.id),
        ),
      );
    expect(topics.filter((t) => t.topic === 'registration.cancelled')).toHaveLength(3);
    expect(
      topics
        .filter((t) => t.topic === 'registration.offered')
        .map((t) => (t.payload as { registration: { email: string } }).registration.email),
    ).toEqual(['wait@example.org']);
  });

  it('lets people cancel until the cutoff before the next session still to come; staff always', async () => {
    const { sessions } = await seriesWorkshop('cutoff', 3);
    const dee = await signUp(sessions[0].id, 'dee');
    // After the first session, and less than 24 hours before the second.
    const tooLate = new Date((await startOf(sessions[1].id)).getTime() - 3 * 3_600_000);
    const refused = await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: dee.registration.id,
      token: dee.manageToken,
      baseUrl: BASE_URL,
      now: tooLate,
    }).catch((e: unknown) => e);
    expect(isAppError(refused) && [refused.code, refused.message]).toEqual([
      'invalid_state',
      expect.stringContaining('before the next session of the series'),
    ]);
    await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: dee.registration.id,
      actor: STAFF_ACTOR,
      baseUrl: BASE_URL,
      now: tooLate,
    });
    const rows = await rowsOf(sessions.map((s) => s.id));
    // The first session had already happened: only what was still to come is cancelled.
    expect(rows.map((r) => [r.sessionId, r.status]).sort()).toEqual(
      [
        [sessions[0].id, 'registered'],
        [sessions[1].id, 'cancelled'],
        [sessions[2].id, 'cancelled'],
      ].sort(),
    );
  });

  it('leaves a per-session workshop as it was: one session at a time, with a waitlist', async () => {
    const { sessions } = await seriesWorkshop('single', 1, 'per_session');
    const first = await signUp(sessions[0].id, 'eve');
    const second = await signUp(sessions[0].id, 'fay');
    expect([
      first.series,
      first.registration.status,
      second.registration.status,
      first.registration.seriesGroupId,
    ]).toEqual([undefined, 'registered', 'waitlisted', null]);
  });
});

describe.skipIf(needsPostgres('db/operations/registrations/series-registrations.test.ts › concurrent series sign-ups'))(
  'concurrent series sign-ups',
  () => {
    it('30 people at once for 10 seats: 10 whole groups seated, 20 whole groups waiting 1..20 in every session', async () => {
      const { sessions } = await seriesWorkshop('storm', 10);
      // Each sign-up names a different session first, so their lock requests start in different places.
      const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp(sessions[i % 3].id, `storm${i}`)));
      expect(outcomes.filter((o) => o.registration.status === 'registered')).toHaveLength(10);
      const rows = await rowsOf(sessions.map((s) => s.id));
      for (const session of sessions) {
        const mine = rows.filter((r) => r.sessionId === session.id);
        expect(mine.filter((r) => r.status === 'registered')).toHaveLength(10);
        expect(
          mine.flatMap((r) => (r.status === 'waitlisted' ? [r.waitlistPosition] : [])).sort((a, b) => a! - b!),
        ).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      }
      const groups = new Map<string, Array<{ sessionId: string; status: string; position: number | null }>>();
      for (const row of rows)
        groups.set(row.seriesGroupId!, [
          ...(groups.get(row.seriesGroupId!) ?? []),
          { sessionId: row.sessionId!, status: row.status, position: row.waitlistPosition },
        ]);
      expect(groups.size).toBe(30);
      // Every group is whole: all its sessions, one status, and the same place in each queue.
      for (const members of groups.values()) {
        expect(members.map((m) => m.sessionId).sort()).toEqual(sessions.map((s) => s.id).sort());
        expect(new Set(members.map((m) => `${m.status}:${m.position}`)).size).toBe(1);
      }
    }, 60_000);
  },
);
