import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hasRole, type Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { BookingCreateInput, BookingPatch } from '../../../core/schemas/booking';
import type { Database, Transaction } from '../../client';
import { bookings, organizations } from '../../schema/index';
import { recordChange } from '../audit';
import { assertBookable, assertWithinAvailability, withConflictReporting, type ClaimSpan } from './booking-guards';
import { bookingView, type Booking } from './booking-records';
import { requireResource, type Resource } from './resources';
import { notifyRegistrants } from '../workshops/session-notices';

const DEFAULT_HOLD_MINUTES = 15;

export interface BookingContext {
  orgId: string;
  actor: Actor;
  /** Injected so tests and the worker decide what "now" is (hold expiry). */
  now?: Date;
}

type Disposition = Pick<Booking, 'status' | 'pendingReason' | 'holdExpiresAt'>;

async function decideDisposition(
  tx: Transaction,
  ctx: BookingContext,
  resource: Resource,
  input: BookingCreateInput,
  now: Date,
): Promise<Disposition> {
  const requested =
    input.status ?? (hasRole(ctx.actor, 'staff') || !resource.requiresApproval ? 'confirmed' : 'pending');
  if (requested === 'hold') {
    const [org] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId));
    const minutes = input.holdMinutes ?? org?.settings.holdMinutes ?? DEFAULT_HOLD_MINUTES;
    return { status: 'pending', pendingReason: 'hold', holdExpiresAt: new Date(now.getTime() + minutes * 60_000) };
  }
  // Staff are the approvers; anyone else asking to confirm a resource that needs approval waits for one.
  if (requested === 'pending' || (resource.requiresApproval && !hasRole(ctx.actor, 'staff'))) {
    return { status: 'pending', pendingReason: 'approval', holdExpiresAt: null };
  }
  return { status: 'confirmed', pendingReason: null, holdExpiresAt: null };
}

function resourceSummary(resource: Resource) {
  return { id: resource.id, title: resource.title, type: resource.type, timeZone: resource.timeZone };
}

type CreateBookingContext = BookingContext & { input: BookingCreateInput; source?: string };

/** A new booking from staff, a resident or the API, in one transaction (see withConflictReporting). */
export function createBooking(db: Database, ctx: CreateBookingContext): Promise<Booking> {
  return withConflictReporting(db, ctx.now ?? new Date(), (tx, claim) => insertBooking(tx, claim, ctx));
}

/**
 * The booking write itself, inside a transaction someone else opened (a workshop session is a booking
 * and its session row, together). Run it under `withConflictReporting` so a 23P01 names the booking in the way.
 * The row is spelled out here, every column, so its audit row and (unless it is a private hold) its
 * event describe it without reading it back.
 */
export async function insertBooking(tx: Transaction, claim: ClaimSpan, ctx: CreateBookingContext): Promise<Booking> {
  const { orgId, actor, input } = ctx;
  const now = ctx.now ?? new Date();
  const span = {
    orgId,
    resourceId: input.resourceId,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
  };
  if (input.holdMinutes !== undefined && input.status !== 'hold') {
    throw new AppError('validation', 'holdMinutes: only applies when status is "hold"', {
      fields: { holdMinutes: ['only applies to holds'] },
    });
  }
  const resource = await requireResource(tx, orgId, input.resourceId, 'resourceId');
  assertBookable(resource);
  const override = assertWithinAvailability(resource, span, actor, input.availabilityOverrideReason);
  const disposition = await decideDisposition(tx, ctx, resource, input, now);
  await claim(span);
  // Stored with the wall clock, not `now` (which tests and the worker may set to another day).
  const writtenAt = new Date();
  const booking: Booking = {
    id: randomUUID(),
    orgId,
    resourceId: input.resourceId,
    title: input.title,
    description: input.description ?? null,
    ...disposition,
    startsAt: span.startsAt,
    endsAt: span.endsAt,
    timeRange: `[${span.startsAt.toISOString()},${span.endsAt.toISOString()})`,
    sequence: 0,
    source: ctx.source ?? (actor.type === 'api_key' ? 'api' : 'staff'),
    createdBy: actor.type === 'user' ? actor.id : null,
    approvedBy: null,
    cancelReason: null,
    seasonId: null,
    draftItemId: null,
    isPublic: input.isPublic ?? false,
    metadata: { ...input.metadata, ...(override ? { availabilityOverride: { reason: override, by: actor.id } } : {}) },
    createdAt: writtenAt,
    updatedAt: writtenAt,
  };
  const view = bookingView(booking);
  const audit = {
    orgId,
    actor,
    action: 'booking.created',
    entityType: 'booking',
    entityId: booking.id,
    after: view,
    reason: override,
  };
  // Holds are private until confirmed; everything else is news for the outside.
  const topic =
    disposition.pendingReason === 'hold'
      ? undefined
      : booking.status === 'confirmed'
        ? 'booking.confirmed'
        : 'booking.requested';
  const event = topic ? { orgId, topic, payload: { booking: view, resource: resourceSummary(resource) } } : undefined;
  // time_range is generated by the database from the two instants. The insert is a statement of its
  // own: the exclusion constraint is checked at the end of a statement, and two racing bookings that
  // each wrote more in that statement waited for each other until PostgreSQL broke the deadlock.
  const { timeRange: _generated, ...columns } = booking;
  await tx.insert(bookings).values(columns);
  await recordChange(tx, audit, event);
  return booking;
}

async function lockActiveBooking(tx: Transaction, orgId: string, id: string): Promise<Booking> {
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.orgId, orgId), eq(bookings.id, id)))
    .for('update');
  if (!booking) throw new AppError('not_found', `No booking ${id} in this organization`);
  return booking;
}

/** Move, resize, retitle. A change of time or place re-runs every check and raises SEQUENCE (trigger). */
export async function updateBooking(
  db: Database,
  ctx: BookingContext & { id: string; patch: BookingPatch },
): Promise<Booking> {
  const { orgId, actor, id, patch } = ctx;
  const now = ctx.now ?? new Date();
  return withConflictReporting(db, now, async (tx, claim) => {
    const before = await lockActiveBooking(tx, orgId, id);
    if (before.status !== 'pending' && before.status !== 'confirmed') {
      throw new AppError(
        'invalid_state',
        `This booking is ${before.status}; only pending or confirmed bookings can change`,
      );
    }
    const span = {
      orgId,
      resourceId: patch.resourceId ?? before.resourceId,
      startsAt: patch.startsAt ? new Date(patch.startsAt) : before.startsAt,
      endsAt: patch.endsAt ? new Date(patch.endsAt) : before.endsAt,
      excludeId: id,
    };
    if (span.endsAt <= span.startsAt) {
      throw new AppError('validation', 'endsAt: must be after startsAt', {
        fields: { endsAt: ['must be after startsAt'] },
      });
    }
    const moved =
      span.resourceId !== before.resourceId ||
      span.startsAt.getTime() !== before.startsAt.getTime() ||
      span.endsAt.getTime() !== before.endsAt.getTime();
    const resource = await requireResource(tx, orgId, span.resourceId, 'resourceId');
    let override: string | undefined;
    if (moved) {
      assertBookable(resource);
      override = assertWithinAvailability(resource, span, actor, patch.availabilityOverrideReason);
      await claim(span);
    }
    const metadata = {
      ...before.metadata,
      ...patch.metadata,
      ...(override ? { availabilityOverride: { reason: override, by: actor.id } } : {}),
    };
    const [after] = await tx
      .update(bookings)
      .set({
        resourceId: span.resourceId,
        startsAt: span.startsAt,
        endsAt: span.endsAt,
        title: patch.title ?? before.title,
        description: patch.description === undefined ? before.description : patch.description,
        isPublic: patch.isPublic ?? before.isPublic,
        metadata,
      })
      .where(eq(bookings.id, id))
      .returning();
    const view = bookingView(after);
    const audit = {
      orgId,
      actor,
      action: moved ? 'booking.moved' : 'booking.updated',
      entityType: 'booking',
      entityId: id,
      before: bookingView(before),
      after: view,
      reason: override,
    };
    const tellOutside = before.pendingReason !== 'hold' && after.sequence !== before.sequence;
    // A workshop session moved on the calendar: the people registered hear of it too.
    if (moved) {
      const previous = {
        resourceId: before.resourceId,
        startsAt: before.startsAt.toISOString(),
        endsAt: before.endsAt.toISOString(),
      };
      await notifyRegistrants(tx, { orgId, bookingId: id, topic: 'session.rescheduled', previous, now });
    }
    await recordChange(
      tx,
      audit,
      tellOutside
        ? {
            orgId,
            topic: moved ? 'booking.rescheduled' : 'booking.updated',
            payload: {
              booking: view,
              resource: resourceSummary(resource),
              previous: {
                resourceId: before.resourceId,
                startsAt: before.startsAt.toISOString(),
                endsAt: before.endsAt.toISOString(),
                title: before.title,
              },
            },
          }
        : undefined,
    );
    return after;
  });
}

export { lockActiveBooking, resourceSummary };
