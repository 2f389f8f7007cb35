import { and, eq, gt, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR, type Actor } from '../../../core/actor';
import type { Transaction } from '../../client';
import { workshopRegistrations } from '../../schema/index';
import { recordAudit } from '../audit';
import { enqueueRegistrationEvent, type Registration } from './registration-events';
import type { SessionFacts } from '../workshops/workshop-sessions';

/** Closes the gap a waitlisted person leaves behind, so positions stay 1..n. */
export async function closeWaitlistGap(tx: Transaction, sessionId: string, leftPosition: number): Promise<void> {
  await tx
    .update(workshopRegistrations)
    .set({ waitlistPosition: sql`${workshopRegistrations.waitlistPosition} - 1` })
    .where(
      and(
        eq(workshopRegistrations.sessionId, sessionId),
        eq(workshopRegistrations.status, 'waitlisted'),
        gt(workshopRegistrations.waitlistPosition, leftPosition),
      ),
    );
}

/** An offer declined or lapsed: the row is cancelled, audited and told, in the caller's transaction. */
export async function endOffer(
  tx: Transaction,
  registration: Registration,
  session: SessionFacts,
  now: Date,
  why: 'declined' | 'lapsed',
): Promise<Registration> {
  const [after] = await tx
    .update(workshopRegistrations)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      offerTokenHash: null,
      metadata: { ...registration.metadata, offer: why },
    })
    .where(eq(workshopRegistrations.id, registration.id))
    .returning();
  await recordAudit(tx, {
    orgId: session.orgId,
    actor: SYSTEM_ACTOR,
    action: `registration.offer_${why}`,
    entityType: 'workshop_registration',
    entityId: registration.id,
    before: { status: 'offered', offerExpiresAt: registration.offerExpiresAt },
    after: { status: 'cancelled' },
  });
  await enqueueRegistrationEvent(tx, 'registration.cancelled', after, session);
  return after;
}

/**
 * A registration, offer or waitlist place given up: the row is cancelled, the waitlist closes up
 * behind it, and it is audited and told, in the caller's transaction (with the session locked).
 * The caller offers a freed seat on: `before.status !== 'waitlisted'`.
 */
export async function cancelRow(
  tx: Transaction,
  before: Registration,
  session: SessionFacts,
  input: { actor: Actor; reason?: string; now: Date },
): Promise<Registration> {
  const [after] = await tx
    .update(workshopRegistrations)
    .set({
      status: 'cancelled',
      cancelledAt: input.now,
      waitlistPosition: null,
      offerTokenHash: null,
      offerExpiresAt: null,
    })
    .where(eq(workshopRegistrations.id, before.id))
    .returning();
  if (before.status === 'waitlisted') await closeWaitlistGap(tx, session.id, before.waitlistPosition ?? 0);
  await recordAudit(tx, {
    orgId: session.orgId,
    actor: input.actor,
    action: 'registration.cancelled',
    entityType: 'workshop_registration',
    entityId: before.id,
    before: { status: before.status, position: before.waitlistPosition },
    after: { status: 'cancelled', ...(before.seriesGroupId ? { seriesGroupId: before.seriesGroupId } : {}) },
    reason: input.reason,
  });
  await enqueueRegistrationEvent(tx, 'registration.cancelled', after, session);
  return after;
}
