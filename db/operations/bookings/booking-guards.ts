import { hasRole, type Actor } from '../../../core/actor';
import { describeHours, isWithinAvailability } from '../../../core/availability';
import { AppError } from '../../../core/errors';
import { implausibleInstantMessage, isPlausibleInstant, spanTooLong, type SpanLimits } from '../../../core/span-limits';
import type { Database, Executor, Transaction } from '../../client';
import { organizationTimeFormatter } from '../accounts/organizations';
import { DEADLOCK_DETECTED, EXCLUSION_VIOLATION, pgErrorInfo } from '../../pg-errors';
import { findOverlapping, type Span } from './booking-records';
import { cancelExpiredHoldsInWay } from './holds';
import type { Resource } from './resources';
import { waitInLineForResource } from './resource-line';

export function assertBookable(resource: Resource): void {
  if (resource.archivedAt) {
    throw new AppError('invalid_state', `resourceId: "${resource.title}" is archived`, {
      fields: { resourceId: ['is archived'] },
    });
  }
  if (!resource.isBookable) {
    throw new AppError('invalid_state', `resourceId: "${resource.title}" is not bookable`, {
      fields: { resourceId: ['is not bookable'] },
    });
  }
}

/**
 * Every way a booking is made comes through here, so this is where a span is bounded: a date no one
 * plans for, or a span longer than the limit, is refused before the opening hours are looked at.
 */
export function assertReasonableSpan(span: { startsAt: Date; endsAt: Date }, kind: keyof SpanLimits = 'bookingDays') {
  for (const field of ['startsAt', 'endsAt'] as const) {
    if (!isPlausibleInstant(span[field]))
      throw new AppError('validation', `${field}: ${implausibleInstantMessage}`, {
        fields: { [field]: [implausibleInstantMessage] },
      });
  }
  const tooLong = spanTooLong(span.startsAt, span.endsAt, kind);
  if (tooLong) throw new AppError('validation', `endsAt: ${tooLong}`, { fields: { endsAt: [tooLong] } });
}

/**
 * Inside the opening hours, or staff overriding them with a reason. Returns the override reason that
 * was used, so the caller can record it.
 */
/**
 * Refuses a span outside the resource's opening hours unless staff give a reason (returned, for the
 * record). The refusal says that day's hours the way the organization writes time; its formatter is
 * read only then.
 */
export async function assertWithinAvailability(
  db: Executor,
  resource: Resource,
  span: { startsAt: Date; endsAt: Date },
  actor: Actor,
  overrideReason: string | undefined,
): Promise<string | undefined> {
  if (overrideReason !== undefined && !hasRole(actor, 'staff')) {
    throw new AppError('forbidden', 'availabilityOverrideReason: only staff may book outside opening hours', {
      fields: { availabilityOverrideReason: ['only staff may override availability'] },
    });
  }
  assertReasonableSpan(span);
  if (isWithinAvailability(resource.availabilityRules, resource.timeZone, span.startsAt, span.endsAt)) return undefined;
  if (overrideReason) return overrideReason;
  const words = await organizationTimeFormatter(db, resource.orgId, resource.timeZone);
  const hours = describeHours(resource.availabilityRules, resource.timeZone, span.startsAt, words);
  const message = `outside the opening hours of "${resource.title}": ${hours}`;
  throw new AppError('outside_availability', `startsAt: ${message}`, { fields: { startsAt: [message] } });
}

const CONFLICT_LOOKUP_ATTEMPTS = 3;
/** Racing writes on the deferred exclusion constraint can deadlock; the victim starts over. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Claims a span inside the transaction. On the first attempt it only remembers the span (the
 * common case, nothing in the way, costs no extra statement); when an earlier attempt met an
 * expired hold, it cancels the expired holds in the way first.
 */
export type ClaimSpan = (span: Span) => Promise<void>;

/** The 409 a booking gets when others hold its time: each of them named. */
function conflictError(conflicts: Awaited<ReturnType<typeof findOverlapping>>['live']): AppError {
  const named = conflicts.map((c) => `"${c.title}" (${c.id}, ${c.startsAt} – ${c.endsAt})`).join(', ');
  return new AppError('conflict', `The resource is already booked at that time by ${named || 'another booking'}`, {
    conflicts,
  });
}

/**
 * Runs a booking write in a transaction; the exclusion constraint is the last word on overlaps.
 * On 23P01 it looks at what is in the way: expired holds are cancelled and the write tried again;
 * live bookings are named in a conflict error. If the winner vanished meanwhile (cancelled between
 * our failure and the lookup), the write is simply tried again. A transaction PostgreSQL chose as
 * a deadlock victim was rolled back whole, so it is run again too (a few times at most). Cancelling
 * expired holds and writing after them needs a transaction: `oneStatement` is not used for that.
 */
export async function withConflictReporting<T>(
  db: Database,
  now: Date,
  work: (tx: Transaction, claim: ClaimSpan) => Promise<T>,
  /** A write that is one statement by itself, tried first without opening a transaction (ADR 032). */
  oneStatement?: (claim: ClaimSpan) => Promise<T>,
): Promise<T> {
  let cancelExpiredHolds = false;
  let deadlocks = 0;
  let conflictLookups = 0;
  for (;;) {
    let claimed: Span | undefined;
    try {
      if (oneStatement && !cancelExpiredHolds) {
        return await oneStatement(async (span) => {
          claimed = span;
        });
      }
      return await db.transaction((tx) =>
        work(tx, async (span) => {
          claimed = span;
          await waitInLineForResource(tx, span.resourceId);
          if (cancelExpiredHolds) await cancelExpiredHoldsInWay(tx, span, now);
        }),
      );
    } catch (error) {
      const code = pgErrorInfo(error)?.code;
      if (code === DEADLOCK_DETECTED && ++deadlocks < DEADLOCK_ATTEMPTS) continue;
      if (code !== EXCLUSION_VIOLATION || !claimed) throw error;
      const inTheWay = await findOverlapping(db, claimed, now);
      if (inTheWay.expiredHolds > 0 && !cancelExpiredHolds) {
        cancelExpiredHolds = true;
        continue;
      }
      if (inTheWay.live.length > 0 || ++conflictLookups >= CONFLICT_LOOKUP_ATTEMPTS) throw conflictError(inTheWay.live);
    }
  }
}
