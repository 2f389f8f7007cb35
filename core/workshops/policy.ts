/** Rules of workshop registration that need no database: seat offers and the cancellation cutoff. */

export const DEFAULT_CANCELLATION_CUTOFF_HOURS = 24;
export const DEFAULT_OFFER_HOURS = 24;
const HOUR_MS = 3_600_000;

/**
 * When a waitlist offer lapses: `offerHours` from now, but never more than half the time left before
 * the session (so a lapsed offer still leaves the next person time to answer), and never past its start.
 */
export function offerExpiry(now: Date, sessionStartsAt: Date, offerHours = DEFAULT_OFFER_HOURS): Date {
  const remaining = sessionStartsAt.getTime() - now.getTime();
  const window = Math.min(offerHours * HOUR_MS, Math.max(0, remaining / 2));
  return new Date(Math.min(now.getTime() + window, sessionStartsAt.getTime()));
}

/** The last moment someone may cancel their own registration. */
export function cancellationDeadline(sessionStartsAt: Date, cutoffHours = DEFAULT_CANCELLATION_CUTOFF_HOURS): Date {
  return new Date(sessionStartsAt.getTime() - cutoffHours * HOUR_MS);
}

export function canSelfCancel(
  now: Date,
  sessionStartsAt: Date,
  cutoffHours = DEFAULT_CANCELLATION_CUTOFF_HOURS,
): boolean {
  return now.getTime() < cancellationDeadline(sessionStartsAt, cutoffHours).getTime();
}

/** Registered and attended people hold a seat; so does an open offer until it is answered or lapses. */
export const SEAT_HOLDING_STATUSES = ['registered', 'attended', 'no_show', 'offered'] as const;
