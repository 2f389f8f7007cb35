import { DateTime } from 'luxon';
import { RRule, type Weekday } from 'rrule';

export interface SeriesRule {
  /** First day, YYYY-MM-DD, in the organization's time zone. */
  firstDate: string;
  /** Wall-clock times, HH:MM, in the organization's time zone. */
  start: string;
  end: string;
  /** How many weekly sessions. */
  weeks: number;
  timeZone: string;
}

const WEEKDAY: Weekday[] = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

/**
 * "Every Tuesday 18:00–20:00 for 6 weeks": the recurrence is computed on wall-clock dates (rrule on
 * floating times), then each date gets its own UTC offset, so 18:00 stays 18:00 across a DST change.
 */
export function weeklySeries(rule: SeriesRule): { startsAt: string; endsAt: string }[] {
  const first = DateTime.fromISO(rule.firstDate, { zone: 'utc' });
  if (!first.isValid) throw new Error(`firstDate: "${rule.firstDate}" is not a date YYYY-MM-DD`);
  const [startHour, startMinute] = rule.start.split(':').map(Number);
  const [endHour, endMinute] = rule.end.split(':').map(Number);
  if ([startHour, startMinute, endHour, endMinute].some((n) => !Number.isInteger(n)))
    throw new Error('start and end must be times HH:MM');
  if (endHour * 60 + endMinute <= startHour * 60 + startMinute) throw new Error('end must be after start');
  const weekly = new RRule({
    freq: RRule.WEEKLY,
    count: rule.weeks,
    byweekday: [WEEKDAY[first.weekday - 1]],
    dtstart: first.toJSDate(),
  });
  return weekly.all().map((day) => {
    const date = DateTime.fromJSDate(day, { zone: 'utc' });
    const at = (hour: number, minute: number) =>
      DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: rule.timeZone })
        .toUTC()
        .toISO()!;
    return { startsAt: at(startHour, startMinute), endsAt: at(endHour, endMinute) };
  });
}
