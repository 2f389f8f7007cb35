import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Database } from '../../client';
import { workshopRegistrations } from '../../schema/index';
import { recordAudit } from '../audit';
import { applyTransition } from '../bookings/booking-transitions';
import { lockSession } from './workshop-sessions';

const ACTIVE = ['registered', 'waitlisted', 'offered'] as const;

/**
 * Staff call a session off: its booking is cancelled (freeing the room) and everyone registered,
 * waiting or holding an offer is cancelled and told, all in one transaction. The events carry the
 * booking's raised SEQUENCE, so calendar cancellations supersede the invites people hold.
 */
export async function cancelWorkshopSession(
  db: Database,
  input: { orgId: string; actor: Actor; sessionId: string; reason?: string; now?: Date },
): Promise<{ cancelledRegistrations: number }> {
  return db.transaction(async (tx) => {
    const before = await lockSession(tx, input.orgId, input.sessionId);
    if (before.bookingStatus !== 'confirmed')
      throw new AppError('invalid_state', `This session is already ${before.bookingStatus}`);
    // Cancelling the booking cancels and tells everyone registered (session-registrations.ts).
    const registrationsBefore = await tx
      .select({ id: workshopRegistrations.id })
      .from(workshopRegistrations)
      .where(
        and(eq(workshopRegistrations.sessionId, input.sessionId), inArray(workshopRegistrations.status, [...ACTIVE])),
      );
    await applyTransition(tx, 'cancel', {
      orgId: input.orgId,
      actor: input.actor,
      id: before.bookingId,
      reason: input.reason,
      now: input.now,
    });
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'workshop.session_cancelled',
      entityType: 'workshop_session',
      entityId: before.id,
      after: { bookingId: before.bookingId, cancelledRegistrations: registrationsBefore.length },
      reason: input.reason,
    });
    return { cancelledRegistrations: registrationsBefore.length };
  });
}
