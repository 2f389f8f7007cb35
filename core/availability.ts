import { DateTime } from 'luxon';
import { z } from 'zod';
import { line } from './validation';
import type { TimeFormatter } from './time-format';

/**
 * Availability rules of a resource, always read in the resource's own time zone:
 * - `weekly`: opening hours per weekday. Absent: open around the clock. Present: unlisted days are closed.
 * - `exceptions`: a local date whose hours replace the weekly ones (`hours: []` closes the day).
 * - `blackouts`: inclusive local date ranges when the resource is closed (holidays, closures).
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM between 00:00 and 24:00');
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value).isValid, { message: 'is not a real date' });

export const openingHoursSchema = z
  .object({ start: clockTime, end: clockTime })
  .strict()
  .refine((hours) => hours.end > hours.start, { message: 'end must be after start', path: ['end'] });

export const availabilityRulesSchema = z
  .object({
    weekly: z
      .object(
        Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(openingHoursSchema).optional()])) as Record<
          Weekday,
          z.ZodOptional<z.ZodArray<typeof openingHoursSchema>>
        >,
      )
      .strict()
      .optional(),
    exceptions: z
      .array(
        z.object({ date: localDate, hours: z.array(openingHoursSchema), note: line().max(200).optional() }).strict(),
      )
      .optional(),
    blackouts: z
      .array(
        z
          .object({ from: localDate, to: localDate, reason: line().max(200).optional() })
          .strict()
          .refine((range) => range.to >= range.from, { message: 'to must not be before from', path: ['to'] }),
      )
      .optional(),
  })
  .strict();

export type AvailabilityRules = z.infer<typeof availabilityRulesSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export interface Interval {
  start: Date;
  end: Date;
}

const ALL_DAY: OpeningHours[] = [{ start: '00:00', end: '24:00' }];

export function hasAnyRule(rules: AvailabilityRules): boolean {
  return Boolean(rules.weekly || rules.exceptions?.length || rules.blackouts?.length);
}

/** The opening hours that apply on one local date (ISO `YYYY-MM-DD`). */
export function hoursOnDate(rules: AvailabilityRules, date: string): OpeningHours[] {
  if (rules.blackouts?.some((range) => range.from <= date && date <= range.to)) return [];
  const exception = rules.exceptions?.find((entry) => entry.date === date);
  if (exception) return exception.hours;
  if (!rules.weekly) return ALL_DAY;
  const weekday = WEEKDAYS[DateTime.fromISO(date).weekday - 1];
  return rules.weekly[weekday] ?? [];
}

function localInstant(date: DateTime, clock: string, zone: string): Date {
  const [hour, minute] = clock.split(':').map(Number);
  if (hour === 24) return date.plus({ days: 1 }).startOf('day').toJSDate();
  // A wall time inside a spring-forward gap is moved forward by luxon, which is what a person means.
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone }).toJSDate();
}

/** The open hours of one local date as UTC instants, neither merged nor clipped (an interval may be empty). */
export function openIntervalsOnDay(rules: AvailabilityRules, zone: string, day: DateTime): Interval[] {
  return hoursOnDate(rules, day.toISODate()!).map((hours) => ({
    start: localInstant(day, hours.start, zone),
    end: localInstant(day, hours.end, zone),
  }));
}

/** Open intervals (UTC instants, merged where they touch) overlapping [from, to). */
export function openIntervals(rules: AvailabilityRules, zone: string, from: Date, to: Date): Interval[] {
  const first = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  const intervals: Interval[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    for (const interval of openIntervalsOnDay(rules, zone, day)) {
      if (interval.end > from && interval.start < to && interval.end > interval.start) intervals.push(interval);
    }
  }
  intervals.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const previous = merged[merged.length - 1];
    if (previous && interval.start <= previous.end) {
      if (interval.end > previous.end) previous.end = interval.end;
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

function coveredByOpenHours(rules: AvailabilityRules, zone: string, start: Date, end: Date): boolean {
  return openIntervals(rules, zone, start, end).some((open) => open.start <= start && end <= open.end);
}

/** True when the hours leave no gap between 00:00 and 24:00. */
function isOpenAllDay(hours: OpeningHours[]): boolean {
  let reached = '00:00';
  for (const h of [...hours].sort((a, b) => a.start.localeCompare(b.start))) {
    if (h.start > reached) return false;
    if (h.end > reached) reached = h.end;
  }
  return reached === '24:00';
}

/**
 * True when every local date in [first, last] is open around the clock. Looks only at the dates that
 * matter — the blackouts and exceptions in the range and each weekday until it is known — so the cost
 * does not grow with the range. Hours with a gap can still cover a day when the gap is the hour a
 * spring-forward skips, hence the exact check of such a day.
 */
function isOpenAllDaysBetween(rules: AvailabilityRules, zone: string, first: DateTime, last: DateTime): boolean {
  const dayCovered = (day: DateTime) =>
    coveredByOpenHours(rules, zone, day.toJSDate(), day.plus({ days: 1 }).toJSDate());
  const [from, to] = [first.toISODate()!, last.toISODate()!];
  if (rules.blackouts?.some((range) => range.from <= to && from <= range.to)) return false;
  const exceptions = (rules.exceptions ?? []).filter((entry) => from <= entry.date && entry.date <= to);
  for (const entry of exceptions) {
    if (!isOpenAllDay(entry.hours) && !dayCovered(DateTime.fromISO(entry.date, { zone }))) return false;
  }
  const weekly = rules.weekly;
  if (!weekly) return true;
  const exceptionDates = new Set(exceptions.map((entry) => entry.date));
  const openAllDay = new Set<Weekday>();
  // Ends once every weekday is open all day (7 + exceptions dates), or at the first day with a gap.
  for (let day = first; day <= last && openAllDay.size < WEEKDAYS.length; day = day.plus({ days: 1 })) {
    if (exceptionDates.has(day.toISODate()!)) continue;
    const weekday = WEEKDAYS[day.weekday - 1];
    if (openAllDay.has(weekday)) continue;
    if (isOpenAllDay(weekly[weekday] ?? [])) openAllDay.add(weekday);
    else if (!dayCovered(day)) return false;
  }
  return true;
}

/**
 * True when [start, end) lies wholly inside the resource's open hours. The cost does not grow with
 * the span: its first and last local days are checked hour by hour, the days between as a whole.
 */
export function isWithinAvailability(rules: AvailabilityRules, zone: string, start: Date, end: Date): boolean {
  if (!hasAnyRule(rules)) return true;
  const firstMidnight = DateTime.fromJSDate(start, { zone }).startOf('day').plus({ days: 1 });
  const lastMidnight = DateTime.fromJSDate(end, { zone }).startOf('day');
  if (lastMidnight <= firstMidnight) return coveredByOpenHours(rules, zone, start, end);
  return (
    coveredByOpenHours(rules, zone, start, firstMidnight.toJSDate()) &&
    isOpenAllDaysBetween(rules, zone, firstMidnight, lastMidnight.minus({ days: 1 })) &&
    (lastMidnight.toMillis() === end.getTime() || coveredByOpenHours(rules, zone, lastMidnight.toJSDate(), end))
  );
}

/** A sentence for people: when the resource is open on the local date the interval starts. */
export function describeHours(
  rules: AvailabilityRules,
  zone: string,
  start: Date,
  words: Pick<TimeFormatter, 'calendarDate' | 'timeOfDayRange'>,
): string {
  const date = DateTime.fromJSDate(start, { zone }).toISODate()!;
  const hours = hoursOnDate(rules, date);
  const listed = hours.map((h) => words.timeOfDayRange(h.start, h.end)).join(', ');
  return `on ${words.calendarDate(date)} it is ${hours.length ? `open ${listed}` : 'closed'} (${zone})`;
}
