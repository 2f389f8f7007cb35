import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { integrationOutbox, workshopRegistrations } from '../../schema/index';
import { createTestDatabase, needsPostgres } from '../../../tests/support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR } from '../../../tests/support/fixtures';
import { createWorkshopWithSession } from '../../../tests/support/workshops';
import { updateBooking } from '../bookings/bookings';
import { transitionBooking } from '../bookings/booking-transitions';
import { registerBatch, type SingleSessionRegistration } from './registration-batch';
import { registerForSession } from './registrations';
import { createSessionRegistrationBatcher } from './registration-batcher';
import { requireSessionFacts, type SessionFacts } from '../workshops/workshop-sessions';

const NOW = new Date('2030-05-01T12:00:00Z');
const BASE_URL = 'http://localhost:3000';
let database: DatabaseHandle;
let orgId: string;
let roomId: string;
let evening = 0;

const skip = needsPostgres(
  'db/operations/registrations/registration-batches.test.ts (registrations gathered per session)',
);

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase();
  orgId = (await createOrgWithKeys(database.db, 'batches')).org.id;
  roomId = (await createTestResource(database.db, orgId, { title: 'Studio B' })).id;
});
afterAll(() => database?.close());

/** A fresh session of `capacity` seats on its own evening. */
async function newSession(capacity: number) {
  const day = new Date(Date.UTC(2030, 5, 3 + evening));
  const startsAt = new Date(day.getTime() + 22 * 3_600_000);
  const { session, booking } = await createWorkshopWithSession(database.db, {
    orgId,
    resourceId: roomId,
    slug: `batch-${++evening}`,
    capacity,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
  });
  return { facts: await requireSessionFacts(database.db, orgId, session.id), bookingId: booking.id };
}

const person = (
  facts: SessionFacts,
  email: string,
  extra: Partial<SingleSessionRegistration> = {},
): SingleSessionRegistration => ({
  orgId,
  session: facts,
  userId: null,
  email,
  name: email.split('@')[0],
  baseUrl: BASE_URL,
  now: NOW,
  ...extra,
});

/** A batcher on the real database that records the size of every call it makes. */
function countingBatcher(options: { maxBatch?: number; failFirstCall?: boolean } = {}) {
  const calls: number[] = [];
  const batcher = createSessionRegistrationBatcher(database.db, {
    maxBatch: options.maxBatch,
    execute: async (_key, items) => {
      calls.push(items.length);
      if (options.failFirstCall && calls.length === 1) throw new Error('connection lost');
      return registerBatch(database.db, items);
    },
  });
  return { batcher, calls };
}

function rowsOf(sessionId: string) {
  return database.db
    .select()
    .from(workshopRegistrations)
    .where(eq(workshopRegistrations.sessionId, sessionId))
    .orderBy(sql`${workshopRegistrations.waitlistPosition} nulls first`);
}

async function eventsFor(registrationIds: string[]) {
  const ids = new Set(registrationIds);
  const events = await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.orgId, orgId));
  return events.filter((e) => ids.has((e.payload as { registration?: { id: string } }).registration?.id ?? ''));
}

describe.skipIf(skip)('registrations for one session gathered into few database calls', () => {
  it('sends the first at once and those that arrive meanwhile together: seats first, then the waitlist in arrival order', async () => {
    const { facts } = await newSession(2);
    const { batcher, calls } = countingBatcher();
    const emails = Array.from({ length: 8 }, (_, i) => `p${i}@example.org`);
    const results = await Promise.all(emails.map((email) => batcher.register(person(facts, email))));
    expect(calls).toEqual([1, 7]);
    expect(results.map((r) => [r.registration.email, r.registration.status, r.registration.waitlistPosition])).toEqual([
      ['p0@example.org', 'registered', null],
      ['p1@example.org', 'registered', null],
      ...emails.slice(2).map((email, i) => [email, 'waitlisted', i + 1]),
    ]);
    // The database agrees with what each caller was told, and every manage token is the caller's own.
    const stored = new Map((await rowsOf(facts.id)).map((row) => [row.id, row]));
    for (const { registration } of results) expect(stored.get(registration.id)).toEqual(registration);
    expect(new Set(results.map((r) => r.manageToken)).size).toBe(8);
    const events = await eventsFor(results.map((r) => r.registration.id));
    expect(events.filter((e) => e.topic === 'registration.confirmed')).toHaveLength(2);
    expect(
      events
        .filter((e) => e.topic === 'registration.waitlisted')
        .map((e) => (e.payload as { registration: { position: number } }).registration.position)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batcher.busySessions).toBe(0);
  });

  it('never sends more than the bound in one call', async () => {
    const { facts } = await newSession(3);
    const { batcher, calls } = countingBatcher({ maxBatch: 3 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => batcher.register(person(facts, `q${i}@example.org`))),
    );
    expect(calls).toEqual([1, 3, 3, 1]);
    expect(results.filter((r) => r.registration.status === 'registered')).toHaveLength(3);
    expect(results.flatMap((r) => r.registration.waitlistPosition ?? [])).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails only the person already registered, before or earlier in the same call, with the 409 naming email', async () => {
    const { facts } = await newSession(1);
    const { batcher, calls } = countingBatcher();
    await batcher.register(person(facts, 'ana@example.org'));
    const settled = await Promise.allSettled(
      ['zed@example.org', 'Ana@Example.org', 'bo@example.org', 'cy@example.org', 'BO@example.org'].map((email) =>
        batcher.register(person(facts, email)),
      ),
    );
    expect(calls).toEqual([1, 1, 4]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected']);
    for (const [index, email] of [
      [1, 'Ana@Example.org'],
      [4, 'BO@example.org'],
    ] as const) {
      expect((settled[index] as PromiseRejectedResult).reason).toMatchObject({
        code: 'conflict',
        message: `email: ${email} is already registered for this session`,
        fields: { email: ['is already registered for this session'] },
      });
    }
    // The refused took neither a seat nor a position: the waitlist has no gap.
    const rows = await rowsOf(facts.id);
    expect(rows.map((r) => [r.email, r.status, r.waitlistPosition])).toEqual([
      ['ana@example.org', 'registered', null],
      ['zed@example.org', 'waitlisted', 1],
      ['bo@example.org', 'waitlisted', 2],
      ['cy@example.org', 'waitlisted', 3],
    ]);
    expect(await eventsFor(rows.map((r) => r.id))).toHaveLength(4);
  });

  it('answers every waiting caller when the session is cancelled or has started, and leaves nothing written', async () => {
    const { facts, bookingId } = await newSession(2);
    const { batcher } = countingBatcher();
    const started = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        batcher.register(person(facts, `late${i}@example.org`, { now: facts.startsAt })),
      ),
    );
    expect(started.map((s) => s.status === 'rejected' && (s.reason as Error).message)).toEqual(
      Array(4).fill('This session has already started; registration is closed'),
    );
    await transitionBooking(database.db, 'cancel', {
      orgId,
      actor: STAFF_ACTOR,
      now: NOW,
      id: bookingId,
      reason: 'Teacher ill',
    });
    const cancelled = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => batcher.register(person(facts, `gone${i}@example.org`))),
    );
    expect(cancelled.map((s) => s.status === 'rejected' && (s.reason as Error).message)).toEqual(
      Array(5).fill('This session was cancelled'),
    );
    expect(batcher.busySessions).toBe(0);
    expect(await rowsOf(facts.id)).toEqual([]);
  });

  it('reads a session moved since it was read again, for the whole call, so every email tells the new time', async () => {
    const { facts, bookingId } = await newSession(1);
    await updateBooking(database.db, {
      orgId,
      actor: STAFF_ACTOR,
      now: NOW,
      id: bookingId,
      patch: { startsAt: '2030-08-01T22:00:00Z', endsAt: '2030-08-02T00:00:00Z' },
    });
    const { batcher, calls } = countingBatcher();
    const results = await Promise.all(
      ['m0', 'm1', 'm2'].map((name) => batcher.register(person(facts, `${name}@example.org`))),
    );
    expect(calls).toEqual([1, 2]);
    const events = await eventsFor(results.map((r) => r.registration.id));
    expect(events.map((e) => (e.payload as { session: { startsAt: string; sequence: number } }).session)).toEqual(
      Array(3).fill(expect.objectContaining({ startsAt: '2030-08-01T22:00:00.000Z', sequence: facts.sequence + 1 })),
    );
  });

  it('rejects the callers of a call that failed outright and still sends those waiting behind them', async () => {
    const { facts } = await newSession(5);
    const { batcher, calls } = countingBatcher({ failFirstCall: true });
    const settled = await Promise.allSettled(
      ['f0', 'f1', 'f2'].map((name) => batcher.register(person(facts, `${name}@example.org`))),
    );
    expect(calls).toEqual([1, 2]);
    expect(
      settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value.registration.status)),
    ).toEqual(['connection lost', 'registered', 'registered']);
    expect(batcher.busySessions).toBe(0);
  });

  it('fails alone an item the database refuses for another reason (an account deleted a moment ago)', async () => {
    const { facts } = await newSession(5);
    const { batcher } = countingBatcher();
    const settled = await Promise.allSettled([
      batcher.register(person(facts, 'first@example.org')),
      batcher.register(person(facts, 'ok1@example.org')),
      batcher.register(person(facts, 'ghost@example.org', { userId: randomUUID() })),
      batcher.register(person(facts, 'ok2@example.org')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await rowsOf(facts.id)).map((r) => r.email).sort()).toEqual([
      'first@example.org',
      'ok1@example.org',
      'ok2@example.org',
    ]);
  });

  it('keeps the count exact when a crowd registers through the shared batcher', async () => {
    const { facts } = await newSession(5);
    const crowd = Array.from({ length: 60 }, (_, i) => `crowd${i}@example.org`);
    const settled = await Promise.allSettled(
      [...crowd, 'crowd7@example.org'].map((email) =>
        registerForSession(database.db, {
          orgId,
          sessionId: facts.id,
          name: 'Crowd',
          email,
          audience: 'public',
          baseUrl: BASE_URL,
          now: NOW,
        }),
      ),
    );
    expect(settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason)).toEqual([
      expect.objectContaining({ code: 'conflict' }),
    ]);
    const rows = await rowsOf(facts.id);
    expect(rows.filter((r) => r.status === 'registered')).toHaveLength(5);
    expect(rows.flatMap((r) => r.waitlistPosition ?? []).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 55 }, (_, i) => i + 1),
    );
  });
});
