import { DateTime } from 'luxon';

/**
 * A season's days as instants: its first day's midnight to the midnight after its last day, in
 * the organization's zone (not the viewer's), so a session late on the last evening is inside.
 */
export function seasonSpan(season: { startsOn: string; endsOn: string }, timeZone: string): { from: Date; to: Date } {
  return {
    from: DateTime.fromISO(season.startsOn, { zone: timeZone }).toJSDate(),
    to: DateTime.fromISO(season.endsOn, { zone: timeZone }).plus({ days: 1 }).toJSDate(),
  };
}
