import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../client';
import { workshopRegistrations, workshopSessions } from '../../schema/index';
import { enqueueRegistrationEvent } from './registration-events';
import { requireSessionFacts } from '../workshops/workshop-sessions';

const ACTIVE = ['registered', 'waitlisted', 'offered'] as const;

/**
 * When the booking under a workshop session is cancelled (from the workshop page, the calendar or
 * the API), everyone registered, waiting or holding an offer is cancelled and told, in the same
 * transaction. A booking that is no workshop session has nobody to tell: 0.
 */
export async function cancelRegistrationsOfBooking(
  tx: Transaction,
  input: { orgId: string; bookingId: string; now: Date; reason?: string | null },
): Promise<number> {
  const [session] = await tx
    .select({ id: workshopSessions.id })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.orgId, input.orgId), eq(workshopSessions.bookingId, input.bookingId)));
  if (!session) return 0;
  const facts = await requireSessionFacts(tx, input.orgId, session.id);
  const cancelled = await tx
    .update(workshopRegistrations)
    .set({
      status: 'cancelled',
      cancelledAt: input.now,
      waitlistPosition: null,
      offerTokenHash: null,
      offerExpiresAt: null,
    })
    .where(and(eq(workshopRegistrations.sessionId, session.id), inArray(workshopRegistrations.status, [...ACTIVE])))
    .returning();
  for (const registration of cancelled)
    await enqueueRegistrationEvent(tx, 'registration.cancelled', registration, facts, undefined, {
      reason: input.reason,
    });
  return cancelled.length;
}
