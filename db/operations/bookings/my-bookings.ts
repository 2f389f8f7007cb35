import { and, desc, eq, notExists } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Database, Executor } from '../../client';
import { bookings, resources, workshopSessions } from '../../schema/index';
import { applyTransition } from './booking-transitions';
import { lockActiveBooking } from './bookings';
import type { Booking } from './booking-records';

/**
 * The bookings a person asked for in one organization (equipment, studio visits, rooms), newest
 * first. Workshop sessions are the staff's bookings, not theirs: they show under "My workshops".
 */
export async function listUserBookings(db: Executor, orgId: string, userId: string) {
  return db
    .select({
      booking: bookings,
      resourceTitle: resources.title,
      resourceType: resources.type,
      resourceTimeZone: resources.timeZone,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(
      and(
        eq(bookings.orgId, orgId),
        eq(bookings.createdBy, userId),
        notExists(
          db
            .select({ id: workshopSessions.id })
            .from(workshopSessions)
            .where(eq(workshopSessions.bookingId, bookings.id)),
        ),
      ),
    )
    .orderBy(desc(bookings.startsAt), desc(bookings.endsAt), desc(bookings.id))
    .limit(500);
}

/** Someone cancels a booking they made, before it starts; the same audited transition staff use. */
export function cancelOwnBooking(
  db: Database,
  input: { orgId: string; actor: Actor & { type: 'user'; id: string }; bookingId: string; reason?: string; now?: Date },
): Promise<Booking> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const booking = await lockActiveBooking(tx, input.orgId, input.bookingId);
    // Someone else's booking is answered like a missing one: its existence is not theirs to learn.
    if (booking.createdBy !== input.actor.id) throw new AppError('not_found', `No booking ${input.bookingId} of yours`);
    if (booking.startsAt <= now)
      throw new AppError('invalid_state', 'This booking has already started; ask the staff to change it');
    return applyTransition(tx, 'cancel', {
      orgId: input.orgId,
      actor: input.actor,
      id: booking.id,
      reason: input.reason ?? 'cancelled by the requester',
      now,
    });
  });
}
