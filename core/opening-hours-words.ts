import { type AvailabilityRules, type OpeningHours, WEEKDAYS } from './availability';
import type { TimeFormatter } from './time-format';

/** The formatter names weekdays from a week of calendar dates: 1 January 2024 was a Monday. */
const weekdayDate = (index: number) => `2024-01-0${index + 1}`;

/**
 * A resource's weekly opening hours in one line, in the organization's locale and clock: days with
 * the same hours share a span of days, "Mon–Fri 9:00 AM – 5:00 PM · Sat 10:00 AM – 2:00 PM"
 * ("Mon–Fri 09:00–17:00" on a 24-hour clock), "Every day 9:00 AM – 9:00 PM". No weekly hours: open
 * around the clock.
 */
export function openingHoursSummary(rules: AvailabilityRules, time: TimeFormatter): string {
  const weekly = rules.weekly;
  if (!weekly) return 'Open around the clock';
  const hoursOf = (hours: OpeningHours[] | undefined) =>
    (hours ?? []).map((h) => time.timeOfDayRange(h.start, h.end)).join(', ');
  const runs: { first: number; last: number; hours: string }[] = [];
  WEEKDAYS.forEach((day, index) => {
    const hours = hoursOf(weekly[day]);
    const previous = runs[runs.length - 1];
    if (hours && previous?.hours === hours && previous.last === index - 1) previous.last = index;
    else if (hours) runs.push({ first: index, last: index, hours });
  });
  if (runs.length === 0) return 'Closed';
  const weekday = (index: number) => time.calendarDateParts(weekdayDate(index)).weekday;
  return runs
    .map(({ first, last, hours }) => {
      const days =
        first === last
          ? weekday(first)
          : first === 0 && last === 6
            ? 'Every day'
            : `${weekday(first)}–${weekday(last)}`;
      return `${days} ${hours}`;
    })
    .join(' · ');
}
