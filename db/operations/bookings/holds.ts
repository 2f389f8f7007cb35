import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../../core/actor';
import type { Database, Transaction } from '../../client';
import { bookings } from '../../schema/index';
import { recordAudit } from '../audit';
import { type Booking, bookingView, overlaps, type Span } from './booking-records';

// Holds (ADR 003): a pending booking held a few minutes while someone decides; when its time is up it
// blocks nothing. Here is how an expired hold is recognized, and how it is cancelled.

/**
 * A hold whose time is up (a pending booking held for a few minutes while someone decides). It
 * blocks nothing: whoever meets one cancels it, and the worker sweeps the rest (expireHolds).
 */
export function isExpiredHold(booking: Pick<Booking, 'pendingReason' | 'holdExpiresAt'>, now: Date): boolean {
  return booking.pendingReason === 'hold' && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now;
}

/** `isExpiredHold` as a condition on the bookings table. */
export function expiredHold(now: Date): SQL {
  return and(eq(bookings.status, 'pending'), eq(bookings.pendingReason, 'hold'), lte(bookings.holdExpiresAt, now))!;
}

/** Its negation, for the rows that still hold their time (a NULL expiry is no expired hold). */
export function notExpiredHold(now: Date): SQL {
  return sql`not coalesce(${expiredHold(now)}, false)`;
}

/** Cancels expired holds matching `where`, each with an audit row by the system. */
export async function cancelExpiredHolds(
  tx: Transaction,
  where: SQL | undefined,
  now: Date,
  reason: string,
): Promise<number> {
  const expired = await tx
    .update(bookings)
    .set({ status: 'cancelled', pendingReason: null, cancelReason: 'hold expired' })
    .where(and(expiredHold(now), where))
    .returning();
  for (const booking of expired) {
    await recordAudit(tx, {
      orgId: booking.orgId,
      actor: SYSTEM_ACTOR,
      action: 'booking.hold_expired',
      entityType: 'booking',
      entityId: booking.id,
      after: bookingView(booking),
      reason,
    });
  }
  return expired.length;
}

/** Expired holds never block: whoever meets one in their way cancels it, in their own transaction. */
export async function cancelExpiredHoldsInWay(tx: Transaction, span: Span, now: Date): Promise<void> {
  await cancelExpiredHolds(
    tx,
    and(eq(bookings.orgId, span.orgId), eq(bookings.resourceId, span.resourceId), overlaps(span)),
    now,
    'an expired hold was in the way of a new booking',
  );
}

/** The worker's sweep, so expired holds also disappear from calendars when nobody meets them. */
export function expireHolds(db: Database, now: Date): Promise<number> {
  return db.transaction((tx) => cancelExpiredHolds(tx, undefined, now, 'the hold expired'));
}
