import type { ConflictingBooking } from './errors';
import type { TimeFormatter } from './time-format';

/**
 * The bookings in the way of a refused write, as staff read them: by title and hours in the
 * organization's time, '"Kiln workshop" (Mon, Jan 7, 2030, 10:00 – 11:00 AM)', rather than ids and UTC.
 */
export function namedConflicts(
  conflicts: Pick<ConflictingBooking, 'title' | 'startsAt' | 'endsAt'>[],
  time: TimeFormatter,
) {
  return conflicts.map((c) => `"${c.title}" (${time.range(c.startsAt, c.endsAt)})`).join(', ');
}
