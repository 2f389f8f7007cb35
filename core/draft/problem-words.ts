import { createTimeFormatter, type TimeFormatter } from '../time-format';
import type { ResourceFacts } from './conflicts';
import type { ProblemReason } from './problem-reasons';
import type { Suggestion } from './suggestions';

/**
 * A problem's reason and a repair, in words for a tooltip or a list: *overlaps "Intro to Screen
 * Printing" in Classroom 1, Tue, Dec 8, 2026, 6:00 – 8:00 PM*; *outside opening hours 9:00 AM – 9:00 PM*;
 * *16 seats in a room for 12*. Times are written by the caller's formatters, so every page shows them
 * one way; the defaults use core/time-format.ts in the room's zone and the default locale.
 */
export interface TimeWords {
  /** A span of time on the calendar, in the given zone. */
  formatRange(start: Date, end: Date, timeZone: string): string;
  /** The hours of a span within one day ("9:00 AM – 9:00 PM"), in the given zone. */
  formatTimeRange(start: Date, end: Date, timeZone: string): string;
}

export const defaultTimeWords: TimeWords = {
  formatRange: (start, end, timeZone) => createTimeFormatter({ timeZone }).range(start, end),
  formatTimeRange: (start, end, timeZone) => createTimeFormatter({ timeZone }).timeRange(start, end),
};

/** Every time written by one formatter, in its zone, locale and clock: a page that shows all times in one zone (the board). */
export function timeWordsOf(time: TimeFormatter): TimeWords {
  return {
    formatRange: (start, end) => time.range(start, end),
    formatTimeRange: (start, end) => time.timeRange(start, end),
  };
}

const quoted = (title: string) => `"${title}"`;

export function describeReason(reason: ProblemReason, words: TimeWords = defaultTimeWords): string {
  switch (reason.code) {
    case 'overlap':
    case 'booked_elsewhere': {
      const { other } = reason;
      const what = reason.code === 'booked_elsewhere' ? `the booking ${quoted(other.title)}` : quoted(other.title);
      const where = other.resourceTitle ? ` in ${other.resourceTitle}` : '';
      const when =
        other.startsAt && other.endsAt
          ? `, ${words.formatRange(new Date(other.startsAt), new Date(other.endsAt), other.timeZone)}`
          : '';
      return `overlaps ${what}${where}${when}`;
    }
    case 'outside_availability': {
      if (reason.hours.length === 0) return `${reason.resourceTitle} is closed that day`;
      const hours = reason.hours.map((h) =>
        words.formatTimeRange(new Date(h.startsAt), new Date(h.endsAt), reason.timeZone),
      );
      return `outside opening hours ${hours.join(', ')}`;
    }
    case 'over_capacity':
      return `${reason.seats} seats in a room for ${reason.roomCapacity}`;
    case 'unknown_resource':
      return 'on a room that does not exist (any more)';
    case 'not_bookable':
      return `${reason.resourceTitle || 'its room'} cannot be booked`;
    case 'unknown_workshop':
      return 'its workshop is not in the draft';
    case 'invalid_time':
      return 'ends before it starts';
    case 'invalid_item':
      return `wrong ${reason.field}: ${reason.detail}`;
  }
}

/** A repair in words: *move to Classroom 2, same time*; *move to Tue 8 Dec 2026, 8:00 PM – 10:00 PM*; *move "Kiln firing" to …*. */
export function describeSuggestion(
  suggestion: Suggestion,
  resources: Map<string, ResourceFacts>,
  words: TimeWords = defaultTimeWords,
): string {
  const parts = suggestion.moves.map((move) => {
    const room = resources.get(move.to.resourceId);
    const zone = room?.timeZone ?? 'UTC';
    const roomChanged = move.to.resourceId !== move.from.resourceId;
    const timeChanged = move.to.startsAt !== move.from.startsAt;
    const when = words.formatRange(new Date(move.to.startsAt), new Date(move.to.endsAt), zone);
    const target =
      roomChanged && !timeChanged
        ? `${room?.title ?? 'another room'}, same time`
        : roomChanged
          ? `${room?.title ?? 'another room'}, ${when}`
          : when;
    return suggestion.kind === 'move_other_side' ? `move ${quoted(move.title)} to ${target}` : `move to ${target}`;
  });
  return parts.join('; ');
}
