import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../../../tests/support/fixtures';
import { auditLog, integrationOutbox, workshopRegistrations, workshopSessions } from '../../schema/index';
import { cancelRegistration, registerForSession, type RegistrationResult } from './registrations';
import { offerFreedSeriesSeats } from './series-waitlist';
import { acceptOffer, declineOffer, expireOffers, moveOnWaitlist } from './waitlist';
import { addWorkshopSession, createWorkshop } from '../workshops/workshops';

const BASE_URL = 'http://localhost:3000';
const NOW = new Date('2030-01-15T12:00:00Z');
const HOUR = 3_600_000;
// Three Thursday evenings, 18:00–20:00 in New York (EST).
const THURSDAYS = ['2030-02-07T23:00:00Z', '2030-02-14T23:00:00Z', '2030-02-21T23:00:00Z'];

let database: TestDatabase;
let org: OrgFixture;
let roomId: string;
let workshopCount = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  org = await createOrgWithKeys(database.db, 'serieswait');
  roomId = (await createTestResource(database.db, org.org.id, { title: 'Studio' })).id;
});
afterAll(() => database?.close());

/** A published one-seat series of three sessions (each workshop a week later than the last, so rooms never clash). */
async function fullSeries(waiting: string[]) {
  const shift = workshopCount++ * 28 * 24 * HOUR;
  const workshop = await createWorkshop(database.db, {
    orgId: org.org.id,
    actor: STAFF_ACTOR,
    workshop: {
      title: `Weaving ${workshopCount}`,
      slug: `weaving-${workshopCount}`,
      description: '',
      capacity: 1,
      tags: [],
      isPublic: true,
      registrationMode: 'series',
      published: true,
    },
  });
  const sessionIds: string[] = [];
  for (const start of THURSDAYS) {
    const startsAt = new Date(Date.parse(start) + shift);
    const { session } = await addWorkshopSession(database.db, {
      orgId: org.org.id,
      actor: STAFF_ACTOR,
      workshopId: workshop.id,
      session: { resourceId: roomId, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) },
    });
    sessionIds.push(session.id);
  }
  const signUp = (who: string) =>
    registerForSession(database.db, {
      orgId: org.org.id,
      sessionId: sessionIds[1],
      name: who,
      email: `${who}@example.org`,
      audience: 'public',
      baseUrl: BASE_URL,
      now: NOW,
    });
  const seated = await signUp(`seated${workshopCount}`);
  const queue: RegistrationResult[] = [];
  for (const who of waiting) queue.push(await signUp(`${who}${workshopCount}`));
  return { workshop, sessionIds, seated, queue, firstStart: new Date(Date.parse(THURSDAYS[0]) + shift) };
}

const groupOf = (result: RegistrationResult) =>
  database.db
    .select()
    .from(workshopRegistrations)
    .where(eq(workshopRegistrations.seriesGroupId, result.registration.seriesGroupId!));
const statusesOf = async (result: RegistrationResult) =>
  (await groupOf(result)).map((r) => [r.status, r.waitlistPosition]);

async function eventsFor(result: RegistrationResult, topic: string) {
  return database.db
    .select()
    .from(integrationOutbox)
    .where(
      and(
        eq(integrationOutbox.topic, topic),
        sql`${integrationOutbox.payload}->'registration'->>'email' = ${result.registration.email}`,
      ),
    );
}

/** The token in the one offer email of a group. */
async function offerToken(result: RegistrationResult): Promise<string> {
  const [offer] = await eventsFor(result, 'registration.offered');
  return (offer.payload as { registration: { manageUrl: string } }).registration.manageUrl.split('/offers/')[1];
}

const cancelSeated = (seated: RegistrationResult) =>
  cancelRegistration(database.db, {
    orgId: org.org.id,
    registrationId: seated.registration.id,
    token: seated.manageToken,
    baseUrl: BASE_URL,
    now: NOW,
  });

describe('the waitlist of a series', () => {
  it('offers the whole series to the first group when seats free up in every session, in one email, until before the first session', async () => {
    const {
      seated,
      queue: [ann, bob],
      firstStart,
    } = await fullSeries(['ann', 'bob']);
    await cancelSeated(seated);
    const offered = await groupOf(ann);
    expect(offered.map((r) => r.status)).toEqual(['offered', 'offered', 'offered']);
    // One link answers the whole series; the offer lasts 24 h here, well before the first session.
    expect(offered.filter((r) => r.offerTokenHash !== null)).toHaveLength(1);
    expect(new Set(offered.map((r) => r.offerExpiresAt!.toISOString()))).toEqual(
      new Set([new Date(NOW.getTime() + 24 * HOUR).toISOString()]),
    );
    expect(offered[0].offerExpiresAt!.getTime()).toBeLessThan(firstStart.getTime());
    expect(await eventsFor(ann, 'registration.offered')).toHaveLength(1);
    expect(await statusesOf(bob)).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 1],
    ]);
  });

  it('registers the group in every session when the offer is accepted, each session with its own invite', async () => {
    const {
      seated,
      queue: [cat],
    } = await fullSeries(['cat']);
    await cancelSeated(seated);
    const accepted = await acceptOffer(database.db, { orgId: org.org.id, token: await offerToken(cat), now: NOW });
    expect(accepted.status).toBe('registered');
    expect(await statusesOf(cat)).toEqual([
      ['registered', null],
      ['registered', null],
      ['registered', null],
    ]);
    expect(await eventsFor(cat, 'registration.promoted')).toHaveLength(3);
  });

  it('passes a declined offer to the next group at once', async () => {
    const {
      seated,
      queue: [dan, eve],
    } = await fullSeries(['dan', 'eve']);
    await cancelSeated(seated);
    await declineOffer(database.db, { orgId: org.org.id, token: await offerToken(dan), baseUrl: BASE_URL, now: NOW });
    expect((await groupOf(dan)).map((r) => [r.status, (r.metadata as { offer?: string }).offer])).toEqual(
      Array(3).fill(['cancelled', 'declined']),
    );
    expect((await statusesOf(eve)).map(([status]) => status)).toEqual(['offered', 'offered', 'offered']);
  });

  it('passes a lapsed offer to the next group when the worker sweeps', async () => {
    const {
      seated,
      queue: [fay, gus],
    } = await fullSeries(['fay', 'gus']);
    await cancelSeated(seated);
    expect(await expireOffers(database.db, new Date(NOW.getTime() + 23 * HOUR), BASE_URL)).toBe(0);
    // Offers of the workshops above lapse at the same moment, so the count is theirs too.
    expect(await expireOffers(database.db, new Date(NOW.getTime() + 25 * HOUR), BASE_URL)).toBeGreaterThanOrEqual(1);
    expect((await groupOf(fay)).map((r) => [r.status, (r.metadata as { offer?: string }).offer])).toEqual(
      Array(3).fill(['cancelled', 'lapsed']),
    );
    expect((await statusesOf(gus)).map(([status]) => status)).toEqual(['offered', 'offered', 'offered']);
    const refused = await acceptOffer(database.db, {
      orgId: org.org.id,
      token: await offerToken(fay),
      now: new Date(NOW.getTime() + 25 * HOUR),
    }).catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/no longer|not valid any more/);
  });

  it('lets staff move a waiting group, with a reason, to the same place in every session', async () => {
    const {
      queue: [hal, ike, ivy],
    } = await fullSeries(['hal', 'ike', 'ivy']);
    const moved = await moveOnWaitlist(database.db, {
      orgId: org.org.id,
      actor: STAFF_ACTOR,
      registrationId: ivy.registration.id,
      position: 1,
      reason: 'Missed the last series',
      now: NOW,
    });
    expect(moved.map((r) => r.email)).toEqual([ivy, hal, ike].map((r) => r.registration.email));
    expect(await statusesOf(hal)).toEqual([
      ['waitlisted', 2],
      ['waitlisted', 2],
      ['waitlisted', 2],
    ]);
    expect(await statusesOf(ivy)).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 1],
    ]);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ivy.registration.id), eq(auditLog.action, 'registration.waitlist_moved')));
    expect(audit.reason).toBe('Missed the last series');
  });

  it('offers the series when seats free up another way (more seats), on the worker sweep', async () => {
    const {
      sessionIds,
      queue: [jo, kim],
    } = await fullSeries(['jo', 'kim']);
    // A seat more in two sessions is not yet a whole series; in the third too, it is one.
    await database.db
      .update(workshopSessions)
      .set({ capacity: 2 })
      .where(inArray(workshopSessions.id, sessionIds.slice(0, 2)));
    expect(await offerFreedSeriesSeats(database.db, NOW, BASE_URL)).toBe(0);
    await database.db.update(workshopSessions).set({ capacity: 2 }).where(eq(workshopSessions.id, sessionIds[2]));
    expect(await offerFreedSeriesSeats(database.db, NOW, BASE_URL)).toBe(1);
    expect((await statusesOf(jo)).map(([status]) => status)).toEqual(['offered', 'offered', 'offered']);
    expect(await statusesOf(kim)).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 1],
    ]);
  });
});
