import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../core/errors';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { ADMIN_ACTOR, createTestResource, RESIDENT_ACTOR, STAFF_ACTOR } from '../../../tests/support/fixtures';
import { auditLog, bookings, integrationOutbox } from '../../schema/index';
import { expireHolds } from './holds';
import { transitionBooking } from './booking-transitions';
import { createBooking, updateBooking } from './bookings';
import { listBusySpans } from './free-slots';
import { createOrganization, type Organization } from '../accounts/organizations';
import { updateResource, type Resource } from './resources';

let database: TestDatabase;
let org: Organization;
let room: Resource;
let approvalRoom: Resource;

// Monday 2030-01-07, 10:00 EST = 15:00Z.
const slot = (hour: number, hours = 1) => ({
  startsAt: new Date(Date.UTC(2030, 0, 7, hour)).toISOString(),
  endsAt: new Date(Date.UTC(2030, 0, 7, hour + hours)).toISOString(),
});
const NOW = new Date('2029-12-01T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  org = await createOrganization(database.db, { slug: 'ops', name: 'Ops', timeZone: 'America/New_York' });
  room = await createTestResource(database.db, org.id, {
    title: 'Print Shop',
    availabilityRules: { weekly: { mon: [{ start: '09:00', end: '18:00' }] } },
  });
  approvalRoom = await createTestResource(database.db, org.id, { title: 'Gallery', requiresApproval: true });
});
afterAll(() => database?.close());

async function failure(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected the operation to fail');
    },
    (error: AppError) => error,
  );
}

async function outboxTopics(bookingId: string): Promise<string[]> {
  const rows = await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.orgId, org.id));
  return rows
    .filter((row) => (row.payload as { booking: { id: string } }).booking.id === bookingId)
    .map((row) => row.topic);
}

async function auditActions(bookingId: string): Promise<string[]> {
  const rows = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, bookingId)))
    .orderBy(auditLog.createdAt);
  return rows.map((row) => row.action);
}

describe('booking core', () => {
  it('confirms a staff booking, audits it and tells the outside in the same transaction', async () => {
    const booking = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: room.id, title: 'Screen printing', ...slot(15) },
    });
    expect(booking.status).toBe('confirmed');
    expect(await auditActions(booking.id)).toEqual(['booking.created']);
    expect(await outboxTopics(booking.id)).toEqual(['booking.confirmed']);
  });

  it('names the booking in the way on a conflict and writes nothing', async () => {
    const before = await database.db.select().from(auditLog);
    const error = await failure(
      createBooking(database.db, {
        orgId: org.id,
        actor: STAFF_ACTOR,
        now: NOW,
        input: { resourceId: room.id, title: 'Overlap', ...slot(15) },
      }),
    );
    expect(error.code).toBe('conflict');
    expect(error.conflicts).toEqual([
      expect.objectContaining({
        title: 'Screen printing',
        startsAt: '2030-01-07T15:00:00.000Z',
        endsAt: '2030-01-07T16:00:00.000Z',
      }),
    ]);
    expect(error.message).toContain('Screen printing');
    expect(await database.db.select().from(auditLog)).toHaveLength(before.length);
  });

  it('refuses times outside the opening hours, unless staff override them with a reason', async () => {
    const early = slot(13); // 08:00 EST
    const error = await failure(
      createBooking(database.db, {
        orgId: org.id,
        actor: STAFF_ACTOR,
        now: NOW,
        input: { resourceId: room.id, title: 'Early', ...early },
      }),
    );
    expect(error.code).toBe('outside_availability');
    // That day's hours, in the organization's voice for time (en-US, 12-hour by default).
    expect(error.fields?.startsAt?.[0]).toBe(
      'outside the opening hours of "Print Shop": on Mon, Jan 7, 2030 it is open 9:00 AM – 6:00 PM (America/New_York)',
    );

    const residentTry = await failure(
      createBooking(database.db, {
        orgId: org.id,
        actor: RESIDENT_ACTOR,
        now: NOW,
        input: { resourceId: room.id, title: 'Early', ...early, availabilityOverrideReason: 'please' },
      }),
    );
    expect(residentTry.code).toBe('forbidden');

    const overridden = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: room.id, title: 'Early', ...early, availabilityOverrideReason: 'Artist load-in' },
    });
    expect(overridden.metadata).toMatchObject({ availabilityOverride: { reason: 'Artist load-in' } });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, overridden.id));
    expect(audit.reason).toBe('Artist load-in');
  });

  it('makes a resident request on an approval resource wait, then approve confirms it', async () => {
    const request = await createBooking(database.db, {
      orgId: org.id,
      actor: RESIDENT_ACTOR,
      now: NOW,
      input: { resourceId: approvalRoom.id, title: 'Open studio', ...slot(15), status: 'confirmed' },
    });
    expect([request.status, request.pendingReason]).toEqual(['pending', 'approval']);
    const approved = await transitionBooking(database.db, 'approve', {
      orgId: org.id,
      actor: STAFF_ACTOR,
      id: request.id,
    });
    expect(approved.status).toBe('confirmed');
    expect(await outboxTopics(request.id)).toEqual(['booking.requested', 'booking.approved']);
    const again = await failure(
      transitionBooking(database.db, 'approve', { orgId: org.id, actor: STAFF_ACTOR, id: request.id }),
    );
    expect(again.code).toBe('invalid_state');
  });

  it('declines a request and frees its time', async () => {
    const request = await createBooking(database.db, {
      orgId: org.id,
      actor: ADMIN_ACTOR,
      now: NOW,
      input: { resourceId: approvalRoom.id, title: 'Talk', ...slot(17), status: 'pending' },
    });
    const declined = await transitionBooking(database.db, 'decline', {
      orgId: org.id,
      actor: STAFF_ACTOR,
      id: request.id,
      reason: 'Gallery install',
    });
    expect([declined.status, declined.cancelReason]).toEqual(['declined', 'Gallery install']);
    const retry = await createBooking(database.db, {
      orgId: org.id,
      actor: ADMIN_ACTOR,
      now: NOW,
      input: { resourceId: approvalRoom.id, title: 'Talk', ...slot(17) },
    });
    expect(retry.status).toBe('confirmed');
  });

  it('keeps a hold private until it is confirmed, and refuses to confirm it once expired', async () => {
    const hold = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: room.id, title: 'Hold', ...slot(18), status: 'hold', holdMinutes: 30 },
    });
    expect(hold.holdExpiresAt?.toISOString()).toBe('2029-12-01T12:30:00.000Z');
    expect(await outboxTopics(hold.id)).toEqual([]);
    const late = new Date('2029-12-01T12:31:00Z');
    const expired = await failure(
      transitionBooking(database.db, 'confirm', { orgId: org.id, actor: STAFF_ACTOR, now: late, id: hold.id }),
    );
    expect(expired.message).toContain('expired Saturday, December 1, 2029 at 7:30 AM EST');
    const confirmed = await transitionBooking(database.db, 'confirm', {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      id: hold.id,
    });
    expect(confirmed.status).toBe('confirmed');
    expect(await outboxTopics(hold.id)).toEqual(['booking.confirmed']);
    // Confirmed, it keeps its time after the hold would have run out: the free times leave it out.
    const busy = await listBusySpans(
      database.db,
      org.id,
      [room.id],
      { from: new Date(slot(18).startsAt), to: new Date(slot(18).endsAt) },
      late,
    );
    expect(busy.get(room.id)).toEqual([{ start: new Date(slot(18).startsAt), end: new Date(slot(18).endsAt) }]);
  });

  it('lets a booking pass through an expired hold, cancelling the hold in the same transaction', async () => {
    const hold = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: room.id, title: 'Stale hold', ...slot(19), status: 'hold', holdMinutes: 5 },
    });
    const later = new Date('2029-12-02T00:00:00Z');
    const booking = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: later,
      input: { resourceId: room.id, title: 'Real', ...slot(19) },
    });
    expect(booking.status).toBe('confirmed');
    const [stale] = await database.db.select().from(bookings).where(eq(bookings.id, hold.id));
    expect([stale.status, stale.cancelReason]).toEqual(['cancelled', 'hold expired']);
    expect(await auditActions(hold.id)).toEqual(['booking.created', 'booking.hold_expired']);
  });

  it('moves a booking: re-checks conflicts, raises SEQUENCE, tells the outside where it was', async () => {
    const booking = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: room.id, title: 'Risograph', ...slot(21) },
    });
    const blocked = await failure(
      updateBooking(database.db, { orgId: org.id, actor: STAFF_ACTOR, now: NOW, id: booking.id, patch: slot(15) }),
    );
    expect(blocked.code).toBe('conflict');
    const moved = await updateBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      id: booking.id,
      patch: { ...slot(21, 2) },
    });
    expect(moved.sequence).toBe(booking.sequence + 1);
    const [event] = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'booking.rescheduled'));
    expect(event.payload).toMatchObject({
      booking: { id: booking.id, endsAt: '2030-01-07T23:00:00.000Z' },
      previous: { endsAt: '2030-01-07T22:00:00.000Z' },
    });
  });

  it('cancels, frees the time and refuses to change a cancelled booking', async () => {
    const booking = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: approvalRoom.id, title: 'Dinner', ...slot(20) },
    });
    await transitionBooking(database.db, 'cancel', {
      orgId: org.id,
      actor: STAFF_ACTOR,
      id: booking.id,
      reason: 'rain',
    });
    expect(await outboxTopics(booking.id)).toEqual(['booking.confirmed', 'booking.cancelled']);
    const edit = await failure(
      updateBooking(database.db, { orgId: org.id, actor: STAFF_ACTOR, id: booking.id, patch: { title: 'x' } }),
    );
    expect(edit.code).toBe('invalid_state');
    const rebooked = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: approvalRoom.id, title: 'Dinner 2', ...slot(20) },
    });
    expect(rebooked.status).toBe('confirmed');
  });

  it('refuses archived and unbookable resources, and resources of another organization', async () => {
    const other = await createOrganization(database.db, {
      slug: 'other-ops',
      name: 'Other',
      timeZone: 'America/New_York',
    });
    const foreign = await createTestResource(database.db, other.id);
    const notHere = await failure(
      createBooking(database.db, {
        orgId: org.id,
        actor: STAFF_ACTOR,
        input: { resourceId: foreign.id, title: 'x', ...slot(15) },
      }),
    );
    expect([notHere.code, Object.keys(notHere.fields ?? {})]).toEqual(['not_found', ['resourceId']]);
    const shed = await createTestResource(database.db, org.id, { title: 'Shed' });
    await updateResource(database.db, { orgId: org.id, actor: ADMIN_ACTOR, id: shed.id, patch: { archived: true } });
    const archived = await failure(
      createBooking(database.db, {
        orgId: org.id,
        actor: STAFF_ACTOR,
        input: { resourceId: shed.id, title: 'x', ...slot(15) },
      }),
    );
    expect(archived.message).toContain('archived');
  });

  it('sweeps expired holds that nobody met', async () => {
    const hold = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: approvalRoom.id, title: 'Forgotten', ...slot(22), status: 'hold', holdMinutes: 1 },
    });
    expect(await expireHolds(database.db, NOW)).toBe(0);
    expect(await expireHolds(database.db, new Date('2029-12-01T12:02:00Z'))).toBeGreaterThanOrEqual(1);
    const [swept] = await database.db.select().from(bookings).where(eq(bookings.id, hold.id));
    expect(swept.status).toBe('cancelled');
  });
});
