import { DateTime } from 'luxon';
import type { TimeFormatter } from '../../../core/time-format';
import type { SeasonTimelineItem } from '../season-timeline/types';

export interface AgendaDay {
  /** YYYY-MM-DD in the organization's zone. */
  date: string;
  items: SeasonTimelineItem[];
}

/**
 * The days of one week (Monday first, in `zone`) that hold items, each with its items by start
 * time; an item that runs over midnight is listed on the day it starts.
 */
export function agendaWeek(items: SeasonTimelineItem[], weekStart: DateTime): AgendaDay[] {
  const from = weekStart.toMillis();
  const to = weekStart.plus({ days: 7 }).toMillis();
  const byDay = new Map<string, SeasonTimelineItem[]>();
  for (const item of items) {
    const at = item.start.getTime();
    if (at < from || at >= to) continue;
    const date = DateTime.fromMillis(at, { zone: weekStart.zone }).toISODate()!;
    byDay.set(date, [...(byDay.get(date) ?? []), item]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, dayItems]) => ({
      date,
      items: dayItems.sort((a, b) => a.start.getTime() - b.start.getTime() || a.title.localeCompare(b.title)),
    }));
}

/** A date and two wall-clock times in `zone` as instants; an end not after the start is refused. */
export function instantsOf(
  date: string,
  startTime: string,
  endTime: string,
  zone: string,
): { start: Date; end: Date } | { error: string; field: 'date' | 'start' | 'end' } {
  const start = DateTime.fromISO(`${date}T${startTime}`, { zone });
  if (!DateTime.fromISO(date, { zone }).isValid) return { error: 'Pick a date.', field: 'date' };
  if (!start.isValid) return { error: 'Pick a start time.', field: 'start' };
  const end = DateTime.fromISO(`${date}T${endTime}`, { zone });
  if (!end.isValid) return { error: 'Pick an end time.', field: 'end' };
  if (end <= start) return { error: 'The end must be after the start.', field: 'end' };
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The week a page of the agenda shows, Monday to Sunday: "Mar 4 – 10, 2030". */
export function agendaWeekLabel(weekStart: DateTime, time: TimeFormatter): string {
  return time.calendarDateRange(weekStart.toISODate() ?? '', weekStart.plus({ days: 6 }).toISODate() ?? '');
}

/**
 * An item's two times, one above the other: "6:00 PM" and "8:00 PM" ("18:00", "20:00" on a 24-hour
 * clock); an end on a later day names its weekday, "Wed 1:00 AM".
 */
export function agendaTimes(item: { start: Date; end: Date }, time: TimeFormatter): { start: string; end: string } {
  const zone = time.timeZone;
  const endDay = DateTime.fromMillis(item.end.getTime() - 1, { zone });
  const sameDay = DateTime.fromJSDate(item.start, { zone }).hasSame(endDay, 'day');
  const end = time.time(item.end);
  return {
    start: time.time(item.start),
    end: sameDay ? end : `${time.calendarDateParts(endDay.toISODate() ?? '').weekday} ${end}`,
  };
}
