import { DateTime, type Zone } from 'luxon';
import { hasAnyRule, isWithinAvailability, openIntervalsOnDay, type AvailabilityRules } from './availability';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Each remembered table is emptied when it grows past this: enough for years of days and many rooms' hours. */
const REMEMBERED = 50_000;

/** What a zone's calendar has been asked, kept per zone: the answers never change. */
interface ZoneDays {
  zone: Zone;
  /** UTC day → the zone's offset (minutes) all that day, or null on a day its clocks change. */
  steadyOffsets: Map<number, number | null>;
  /**
   * Local date (days since 1970-01-01) → its midnight in epoch ms, when the clocks read 00:00 of that
   * date at exactly one instant: then every way of asking luxon for it gives it, and the wall clock
   * does not go back across it. Null when 00:00 is skipped or repeated.
   */
  clearMidnights: Map<number, number | null>;
}

const zones = new Map<string, ZoneDays | null>();
/** Per zone, rules and local date d: the open hours of d − 1, d and d + 1, merged, as [start, end, start, end…] in epoch ms. */
const openSpans = new Map<string, number[]>();

function remembered<K, V>(table: Map<K, V>, key: K, work: () => V): V {
  if (table.has(key)) return table.get(key) as V;
  const value = work();
  if (table.size >= REMEMBERED) table.clear();
  table.set(key, value);
  return value;
}

function zoneDays(name: string): ZoneDays | null {
  return remembered(zones, name, () => {
    const zone = DateTime.fromMillis(0, { zone: name }).zone;
    return zone?.isValid ? { zone, steadyOffsets: new Map(), clearMidnights: new Map() } : null;
  });
}

/**
 * The zone's offset at an instant: from the table of steady UTC days, asking the zone only on a day
 * its clocks change. (Two changes within one UTC day that cancel out do not occur in the zone database.)
 */
function offsetAt(days: ZoneDays, at: number): number {
  const utcDay = Math.floor(at / DAY);
  const steady = remembered(days.steadyOffsets, utcDay, () => {
    const offset = days.zone.offset(utcDay * DAY);
    return days.zone.offset((utcDay + 1) * DAY - 1) === offset ? offset : null;
  });
  return steady ?? days.zone.offset(at);
}

/** The local date (days since 1970-01-01) of an instant, as luxon reads the wall clock. */
function localDate(days: ZoneDays, at: number): number {
  return Math.floor((at + offsetAt(days, at) * MINUTE) / DAY);
}

function clearMidnight(days: ZoneDays, name: string, date: number): number | null {
  return remembered(days.clearMidnights, date, () => {
    const utc = new Date(date * DAY);
    const midnight = DateTime.fromObject(
      { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() },
      { zone: name },
    ).toMillis();
    if (!Number.isFinite(midnight) || midnight + offsetAt(days, midnight) * MINUTE !== date * DAY) return null;
    // Another offset in force within three hours (no change is longer than two) that also reads 00:00.
    for (const near of [midnight - 3 * HOUR, midnight + 3 * HOUR]) {
      const offset = offsetAt(days, near);
      const other = date * DAY - offset * MINUTE;
      if (other !== midnight && offsetAt(days, other) === offset) return null;
    }
    return midnight;
  });
}

function mergedOpenHours(rules: AvailabilityRules, name: string, midnights: number[]): number[] {
  const intervals: [number, number][] = [];
  for (const midnight of midnights)
    for (const open of openIntervalsOnDay(rules, name, DateTime.fromMillis(midnight, { zone: name }))) {
      const [start, end] = [open.start.getTime(), open.end.getTime()];
      if (end > start) intervals.push([start, end]);
    }
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of intervals) {
    if (merged.length && start <= merged[merged.length - 1]) {
      if (end > merged[merged.length - 1]) merged[merged.length - 1] = end;
    } else merged.push(start, end);
  }
  return merged;
}

/**
 * `isWithinAvailability` for the many intervals of one resource, with the same answers, without a
 * time-zone conversion per interval: the open hours around each local date are worked out once (per
 * zone and rules, kept across calls, being the same pure answer every time) and an interval that
 * ends on the day it starts or the next is looked up in them. Longer intervals, and those beside a
 * midnight the clocks change at, are answered by `isWithinAvailability` itself.
 *
 * The same answer: for such an interval `isWithinAvailability` asks whether one merged open interval
 * of the days from the day before its start to the day of its end holds it, which is whether those
 * days' open hours cover it; a day's open hours lie between its own midnight and the next, so the
 * day after the start adds nothing when the interval ends on the day it starts.
 */
export function availabilityChecker(rules: AvailabilityRules, zoneName: string): (start: Date, end: Date) => boolean {
  if (!hasAnyRule(rules)) return () => true;
  const days = zoneDays(zoneName);
  const hoursKey = `${zoneName}|${JSON.stringify(rules)}`;
  const slowly = (start: Date, end: Date) => isWithinAvailability(rules, zoneName, start, end);
  if (!days) return slowly;
  return (start, end) => {
    const [from, to] = [start.getTime(), end.getTime()];
    if (!(from < to)) return slowly(start, end);
    const first = localDate(days, from);
    if (localDate(days, to) > first + 1) return slowly(start, end);
    const midnights = [first - 1, first, first + 1].map((date) => clearMidnight(days, zoneName, date));
    if (midnights.some((midnight) => midnight === null)) return slowly(start, end);
    const open = remembered(openSpans, `${hoursKey}|${first}`, () =>
      mergedOpenHours(rules, zoneName, midnights as number[]),
    );
    for (let i = 0; i < open.length; i += 2) if (open[i] <= from && to <= open[i + 1]) return true;
    return false;
  };
}
