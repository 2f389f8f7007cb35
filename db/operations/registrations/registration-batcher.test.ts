import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { integrationOutbox, users, workshopRegistrations } from '../../schema/index';
import { createTestDatabase } from '../../../tests/support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR } from '../../../tests/support/fixtures';
import { createWorkshopWithSession } from '../../../tests/support/workshops';
import { updateBooking } from '../bookings/bookings';
import { transitionBooking } from '../bookings/booking-transitions';
import { registerInOneCall } from './registration-batcher';
import { requireSessionFacts } from '../workshops/workshop-sessions';

const NOW = new Date('2030-05-01T12:00:00Z');
let database: DatabaseHandle;
let orgId: string;
let roomId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await createOrgWithKeys(database.db, 'one-call')).org.id;
  roomId = (await createTestResource(database.db, orgId, { title: 'Studio A' })).id;
});
afterAll(() => database?.close());

async function sessionFor(slug: string, startsAt = '2030-06-04T22:00:00Z', endsAt = '2030-06-05T00:00:00Z') {
  const { session, booking } = await createWorkshopWithSession(database.db, {
    orgId,
    resourceId: roomId,
    slug,
    capacity: 1,
    startsAt,
    endsAt,
  });
  return { facts: await requireSessionFacts(database.db, orgId, session.id), bookingId: booking.id };
}

const register = (facts: Awaited<ReturnType<typeof sessionFor>>['facts'], name: string, now = NOW) =>
  registerInOneCall(database.db, {
    orgId,
    session: facts,
    userId: null,
    email: `${name}@Example.org`,
    name,
    baseUrl: 'http://localhost:3000',
    now,
  });

describe('registering for a session in one database call', () => {
  it('gives the seat, then waitlist positions, with their events, and a guest account found by email', async () => {
    const { facts } = await sessionFor('one-call-a');
    const first = await register(facts, 'ana');
    const second = await register(facts, 'bo');
    expect([first.registration.status, first.registration.waitlistPosition]).toEqual(['registered', null]);
    expect([second.registration.status, second.registration.waitlistPosition]).toEqual(['waitlisted', 1]);
    const [stored] = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.id, second.registration.id));
    expect(stored).toEqual(second.registration);
    const [guest] = await database.db.select().from(users).where(eq(users.email, 'bo@example.org'));
    expect(stored.userId).toBe(guest.id);
    const events = await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.orgId, orgId));
    const waitlisted = events.find((e) => e.topic === 'registration.waitlisted')!;
    expect(waitlisted.payload).toMatchObject({
      registration: {
        id: second.registration.id,
        status: 'waitlisted',
        position: 1,
        manageUrl: `http://localhost:3000/one-call/registrations/${second.manageToken}`,
      },
      session: { id: facts.id, startsAt: '2030-06-04T22:00:00.000Z' },
    });
    expect(events.find((e) => e.topic === 'registration.confirmed')!.payload).toMatchObject({
      registration: { id: first.registration.id, status: 'registered' },
    });
    expect(
      (events.find((e) => e.topic === 'registration.confirmed')!.payload as { registration: object }).registration,
    ).not.toHaveProperty('position');
  });

  it('reads the session again when it moved after it was read, so the email tells the new time', async () => {
    const { facts, bookingId } = await sessionFor('one-call-b', '2030-06-11T22:00:00Z', '2030-06-12T00:00:00Z');
    await updateBooking(database.db, {
      orgId,
      actor: STAFF_ACTOR,
      now: NOW,
      id: bookingId,
      patch: { startsAt: '2030-06-18T22:00:00Z', endsAt: '2030-06-19T00:00:00Z' },
    });
    const { registration } = await register(facts, 'cy');
    const [event] = (
      await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.topic, 'registration.confirmed'))
    ).filter((e) => (e.payload as { registration: { id: string } }).registration.id === registration.id);
    expect(event.payload).toMatchObject({
      session: { startsAt: '2030-06-18T22:00:00.000Z', sequence: facts.sequence + 1 },
    });
  });

  it('refuses a cancelled or started session and leaves no guest account behind', async () => {
    const { facts, bookingId } = await sessionFor('one-call-c', '2030-06-25T22:00:00Z', '2030-06-26T00:00:00Z');
    await expect(register(facts, 'dee', new Date('2030-06-25T22:00:00Z'))).rejects.toMatchObject({
      code: 'invalid_state',
      message: 'This session has already started; registration is closed',
    });
    await transitionBooking(database.db, 'cancel', {
      orgId,
      actor: STAFF_ACTOR,
      now: NOW,
      id: bookingId,
      reason: 'Teacher ill',
    });
    const fresh = await requireSessionFacts(database.db, orgId, facts.id);
    await expect(register(fresh, 'dee')).rejects.toMatchObject({
      code: 'invalid_state',
      message: 'This session was cancelled',
    });
    expect(await database.db.select().from(users).where(eq(users.email, 'dee@example.org'))).toEqual([]);
    expect(
      await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.sessionId, facts.id)),
    ).toEqual([]);
  });

  it('refuses a session of another organization as unknown', async () => {
    const { facts } = await sessionFor('one-call-d', '2030-07-02T22:00:00Z', '2030-07-03T00:00:00Z');
    const other = (await createOrgWithKeys(database.db, 'one-call-other')).org.id;
    await expect(
      registerInOneCall(database.db, {
        orgId: other,
        session: facts,
        userId: null,
        email: 'eve@example.org',
        name: 'Eve',
        baseUrl: 'http://localhost:3000',
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
