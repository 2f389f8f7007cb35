import { IANAZone, type DateTime } from 'luxon';
import type { CalendarDateParts, TimeFormatter } from '../../../core/time-format';
import { dayOfWindow, type TimelineWindow } from './layout';
import type { Zoom } from './rows';

/**
 * Every date and time the timeline writes, by the organization's formatter (ADR 034): its locale and
 * its 12- or 24-hour clock, in its zone. Formatting in a zone is the costliest part of drawing a bar,
 * so labels are kept per formatter and per start and end instant: a label depends on nothing else,
 * so it survives the draft's items being made anew on every edit, and the sessions a season repeats
 * in many rooms at the same hours are written once.
 */
type Span = { start: Date; end: Date };
type Labels = Map<string, string>;
/** Past this many labels a formatter's are dropped and written anew (a long session of drags makes many). */
const MOST_KEPT = 20_000;
const kept = new WeakMap<
  TimeFormatter,
  { hours: Labels; when: Labels; days: Labels; dateParts: Map<string, CalendarDateParts> }
>();

function keptFor(time: TimeFormatter) {
  let labels = kept.get(time);
  if (!labels) {
    labels = { hours: new Map(), when: new Map(), days: new Map(), dateParts: new Map() };
    kept.set(time, labels);
  }
  return labels;
}

function keptLabel<T>(labels: Map<string, T>, key: string, write: () => T): T {
  let text = labels.get(key);
  if (text === undefined) {
    text = write();
    if (labels.size >= MOST_KEPT) labels.clear();
    labels.set(key, text);
  }
  return text;
}

const spanKey = (item: Span) => `${item.start.getTime()}/${item.end.getTime()}`;

/** A bar's own time: "6:00 – 8:00 PM" ("18:00 – 20:00"); over midnight, with both days. */
export function barHours(item: Span, time: TimeFormatter): string {
  return keptLabel(keptFor(time).hours, spanKey(item), () =>
    sameDay(item, time.timeZone) ? time.timeRange(item.start, item.end) : time.shortRange(item.start, item.end),
  );
}

/** An item's day and hours, for names read aloud, hover text and the drag preview: "Mon, Mar 4, 6:00 – 8:00 PM". */
export function itemWhen(item: Span, time: TimeFormatter): string {
  return keptLabel(keptFor(time).when, spanKey(item), () => time.shortRange(item.start, item.end));
}

const DAY_MS = 86_400_000;

/** Both ends on one calendar day of the zone: each end's wall clock is its instant plus its own offset. */
function sameDay(item: Span, zone: string): boolean {
  const tz = IANAZone.create(zone);
  const day = (at: Date) => Math.floor((at.getTime() + tz.offset(at.getTime()) * 60_000) / DAY_MS);
  return day(item.start) === day(item.end);
}

/** Below this width a day shows only its number; above the next, its month too; above the last, its whole heading. */
export const NARROW_DAY = 60;
export const ROOMY_DAY = 160;
export const WIDE_DAY = 240;

/**
 * What a day's header says, as much as its width allows: "Monday, March 4"; the weekday and the
 * date ("Mon" "Mar 4"), or the day alone ("Mon" "4"); narrower, only the day's number, the week and
 * month zooms leaving months to the toolbar. The season zoom names only Mondays, and the first of
 * each month (and the first day shown) with its month ("Mar 1"), names that run over the next columns.
 */
export function dayHeader(
  day: DateTime,
  /** `shownBefore`: the days drawn before this one (0: it is the first). */
  options: { dayWidth: number; zoom: Zoom; shownBefore: number },
  time: TimeFormatter,
): { weekday: string | null; date: string } {
  const { dayWidth, zoom } = options;
  const isoDate = day.toISODate() ?? '';
  if (dayWidth > WIDE_DAY) return { weekday: null, date: calendarDayHeading(isoDate, time) };
  const parts = calendarDateParts(isoDate, time);
  if (dayWidth > ROOMY_DAY) return { weekday: parts.weekday, date: parts.monthDay };
  if (dayWidth >= NARROW_DAY) return { weekday: parts.weekday, date: parts.day };
  if (zoom !== 'season') return { weekday: null, date: parts.day };
  if (day.day === 1 || options.shownBefore === 0) return { weekday: null, date: parts.monthDay };
  if (day.weekday !== 1) return { weekday: null, date: '' };
  // A Monday is named unless its number would run into the month's name before it or the next one.
  const sinceMonthName = Math.min(day.day - 1, options.shownBefore);
  const untilMonthName = day.daysInMonth! - day.day + 1;
  const fits = sinceMonthName * dayWidth >= MONTH_NAME_ROOM && untilMonthName * dayWidth >= DAY_NAME_ROOM;
  return { weekday: null, date: fits ? parts.day : '' };
}

/** The room a season's "Mar 1" and "15" take in the header, with the gap before the next name. */
const MONTH_NAME_ROOM = 48;
const DAY_NAME_ROOM = 22;

// A day's words are kept too: the header writes every day in view again when a day scrolls in.
const calendarDayHeading = (isoDate: string, time: TimeFormatter) =>
  keptLabel(keptFor(time).days, isoDate, () => time.calendarDayHeading(isoDate));

const calendarDateParts = (isoDate: string, time: TimeFormatter) =>
  keptLabel(keptFor(time).dateParts, isoDate, () => time.calendarDateParts(isoDate));

/** The least room between two hour marks: enough for "12 PM" or "18:00" with a gap. */
const HOUR_MARK_ROOM = 44;
const HOUR_STEPS = [1, 2, 3, 4, 6, 12];

/**
 * The hours marked under each day: every hour, or every 2, 3, 4, 6 or 12 as the width allows
 * (none when even 12 hours do not have the room), away from the day's edges where the date and the
 * next day sit. `x` is from the day's left edge.
 */
export function hourMarks(window: TimelineWindow, time: TimeFormatter): { hour: number; x: number; label: string }[] {
  const { dayWidth, dayStartMinute, dayEndMinute } = window;
  const hourWidth = (dayWidth * 60) / (dayEndMinute - dayStartMinute);
  const step = HOUR_STEPS.find((hours) => hours * hourWidth >= HOUR_MARK_ROOM);
  if (!step) return [];
  const marks = [];
  for (let hour = Math.ceil(dayStartMinute / 60 / step) * step; hour * 60 < dayEndMinute; hour += step) {
    const x = ((hour * 60 - dayStartMinute) / 60) * hourWidth;
    if (x >= HOUR_MARK_ROOM / 2 && dayWidth - x >= HOUR_MARK_ROOM / 2)
      marks.push({ hour, x, label: time.hourOfDay(hour) });
  }
  return marks;
}

/**
 * The days in view, for the toolbar: "Mar 4 – 10, 2030". The scroll position is read in steps of a
 * few pixels, so a day counts as in view when most of it is.
 */
export function rangeInViewLabel(window: TimelineWindow, left: number, width: number, time: TimeFormatter): string {
  const last = window.days - 1;
  const first = Math.min(last, Math.max(0, Math.round(left / window.dayWidth)));
  const end = Math.min(last, Math.max(first, Math.round((left + width) / window.dayWidth) - 1));
  // Kept: a sideways scroll asks again every 100 px, and finding a day in the zone costs as much as writing it.
  return keptLabel(keptFor(time).days, `${window.firstDay.toMillis()}+${first}..${end}`, () => {
    const isoDay = (index: number) => dayOfWindow(window, index).toISODate() ?? '';
    return time.calendarDateRange(isoDay(first), isoDay(end));
  });
}
