import { and, eq, gt, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../core/actor';
import type { Transaction } from '../client';
import { workshopRegistrations } from '../schema/index';
import { recordAudit } from './audit';
import { enqueueRegistrationEvent, type Registration } from './registration-events';
import type { SessionFacts } from './workshop-sessions';

/** Closes the gap a waitlisted person leaves behind, so positions stay 1..n. */
export async function closeWaitlistGap(tx: Transaction, sessionId: string, leftPosition: number): Promise<void> {
  await tx
    .update(workshopRegistrations)
    .set({ waitlistPosition: sql`${workshopRegistrations.waitlistPosition} - 1` })
    .where(and(eq(workshopRegistrations.sessionId, sessionId), eq(workshopRegistrations.status, 'waitlisted'), gt(workshopRegistrations.waitlistPosition, leftPosition)));
}

/** An offer declined or lapsed: the row is cancelled, audited and told, in the caller's transaction. */
export async function endOffer(tx: Transaction, registration: Registration, session: SessionFacts, now: Date, why: 'declined' | 'lapsed'): Promise<Registration> {
  const [after] = await tx
    .update(workshopRegistrations)
    .set({ status: 'cancelled', cancelledAt: now, offerTokenHash: null, metadata: { ...registration.metadata, offer: why } })
    .where(eq(workshopRegistrations.id, registration.id))
    .returning();
  await recordAudit(tx, { orgId: session.orgId, actor: SYSTEM_ACTOR, action: `registration.offer_${why}`, entityType: 'workshop_registration', entityId: registration.id, before: { status: 'offered', offerExpiresAt: registration.offerExpiresAt }, after: { status: 'cancelled' } });
  await enqueueRegistrationEvent(tx, 'registration.cancelled', after, session);
  return after;
}

