import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../client';
import { bookings, resources, workshopRegistrations, workshopSessions } from '../../schema/index';
import { enqueueEvent } from '../outbox/outbox';

interface Placement {
  resourceId: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Tells everyone registered for a workshop session that it moved: one outbox event with the
 * registrants, which the worker fans out (emails with the updated invite). Cancellations go through
 * `cancelRegistrationsOfBooking` instead. A booking that is not a workshop session tells nobody here.
 */
export async function notifyRegistrants(
  tx: Transaction,
  input: { orgId: string; bookingId: string; topic: 'session.rescheduled'; previous: Placement | null; now: Date },
): Promise<number> {
  const [facts] = await tx
    .select({
      sessionId: workshopSessions.id,
      booking: bookings,
      resourceTitle: resources.title,
      timeZone: resources.timeZone,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .innerJoin(workshopSessions, eq(workshopSessions.bookingId, bookings.id))
    .where(eq(bookings.id, input.bookingId));
  if (!facts) return 0;
  const registrants = await tx
    .select({ email: workshopRegistrations.email, name: workshopRegistrations.name, id: workshopRegistrations.id })
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.sessionId, facts.sessionId),
        inArray(workshopRegistrations.status, ['registered', 'offered']),
      ),
    );
  if (registrants.length === 0) return 0;
  await enqueueEvent(tx, {
    orgId: input.orgId,
    topic: input.topic,
    payload: {
      session: {
        id: facts.sessionId,
        startsAt: facts.booking.startsAt.toISOString(),
        endsAt: facts.booking.endsAt.toISOString(),
        sequence: facts.booking.sequence,
        title: facts.booking.title,
        resourceTitle: facts.resourceTitle,
        timeZone: facts.timeZone,
      },
      previous: input.previous,
      registrants: registrants.map(({ email, name }) => ({ email, name })),
    },
  });
  return registrants.length;
}
