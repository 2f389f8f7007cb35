import { DateTime } from 'luxon';

/**
 * One voice for time (docs/design.md "Time: one formatter", ADR 034): every page, email, validation
 * message and the mailbox write instants through a formatter made from the organization's time zone,
 * locale and clock. Built on Intl; the browser's own zone and locale never take part.
 */

export type Clock = '12h' | '24h';
export type HourCycle = 'h12' | 'h23';

export interface TimeFormatSettings {
  /** IANA zone the organization works in, e.g. America/New_York. */
  timeZone: string;
  /** BCP 47 tag; en-US when unset. */
  locale?: string;
  /** Unset: the locale's own clock (12-hour for en-US, 24-hour for en-GB or de-DE). */
  clock?: Clock;
}

export const DEFAULT_LOCALE = 'en-US';

type Instant = Date | string | number;

export interface CalendarDateParts {
  /** "Tue" */
  weekday: string;
  /** "8" */
  day: string;
  /** The month and the day in the locale's order: "Dec 8" (en-US), "8 Dec" (en-GB). */
  monthDay: string;
}

export interface TimeFormatter {
  readonly timeZone: string;
  readonly locale: string;
  readonly hourCycle: HourCycle;
  /** "Tue, Dec 8, 2026" (en-US), "Tue 8 Dec 2026" (en-GB). */
  date(at: Instant): string;
  /** Without the year, for calendar columns and nearby days: "Tue, Dec 8". */
  shortDate(at: Instant): string;
  /** "6:00 PM" or "18:00". */
  time(at: Instant): string;
  /** "Tue, Dec 8, 2026, 6:00 PM". */
  dateTime(at: Instant): string;
  /** Without the year: "Tue, Dec 8, 6:00 PM". */
  shortDateTime(at: Instant): string;
  /** A span, the shared parts written once: "Tue, Dec 8, 2026, 6:00 – 8:00 PM". */
  range(start: Instant, end: Instant): string;
  /** A span without the year, for nearby days and dense labels: "Tue, Dec 8, 6:00 – 8:00 PM". */
  shortRange(start: Instant, end: Instant): string;
  /** A span of hours only: "6:00 – 8:00 PM". */
  timeRange(start: Instant, end: Instant): string;
  /** For emails, with the zone's name: "Tuesday, December 8, 2026 at 6:00 PM EST". */
  long(at: Instant): string;
  /** "Tuesday, December 8, 2026, 6:00 – 8:00 PM EST". */
  longRange(start: Instant, end: Instant): string;
  /** A heading over one day's list: "Tuesday, December 8". */
  dayHeading(at: Instant): string;
  /** The heading of a calendar date (YYYY-MM-DD) with no time of day: "Tuesday, December 8". */
  calendarDayHeading(isoDate: string): string;
  /** A calendar date with no time of day (YYYY-MM-DD, e.g. a season's first day): "Tue, Dec 8, 2026". */
  calendarDate(isoDate: string): string;
  /** Two calendar dates: "Dec 7 – 13, 2026". */
  calendarDateRange(firstIsoDate: string, lastIsoDate: string): string;
  /** The pieces of a calendar date in the locale's words, for headers too narrow for a whole date: Tue, 8, Dec 8. */
  calendarDateParts(isoDate: string): CalendarDateParts;
  /** A time of day with no date (HH:mm, e.g. an opening hour): "9:00 AM" or "09:00"; "24:00" is the midnight a day ends at. */
  timeOfDay(hhmm: string): string;
  /** Two times of day: "9:00 AM – 5:00 PM" or "09:00–17:00". */
  timeOfDayRange(fromHhmm: string, toHhmm: string): string;
  /** A whole hour (0–24) on a time scale: "6 PM" or "18:00". */
  hourOfDay(hour: number): string;
  /** For machines (<time dateTime>, APIs): the ISO 8601 instant in UTC. */
  machine(at: Instant): string;
  /** Words relative to `now`, by calendar days in the zone: "today 6:00 PM", "tomorrow 9:00 AM", "in 3 days", else the date. */
  relative(at: Instant, now: Instant): string;
  /** A span near `now` with its day in words, "tomorrow 6:00 – 8:00 PM"; further off or over midnight, `range`. */
  relativeRange(start: Instant, end: Instant, now: Instant): string;
}

type Style = Intl.DateTimeFormatOptions;
const TIME: Style = { hour: 'numeric', minute: '2-digit' };
const SHORT_DATE: Style = { weekday: 'short', month: 'short', day: 'numeric' };
const DATE: Style = { ...SHORT_DATE, year: 'numeric' };
const LONG: Style = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', ...TIME, timeZoneName: 'short' };
const DAY_HEADING: Style = { weekday: 'long', month: 'long', day: 'numeric' };
const DATE_SPAN: Style = { month: 'short', day: 'numeric', year: 'numeric' };
const HOUR: Style = { hour: 'numeric' };
const MONTH_DAY: Style = { month: 'short', day: 'numeric' };
/** Relative words are used up to this many days away; further off, the date reads better. */
const RELATIVE_DAYS = 6;

const formats = new Map<string, Intl.DateTimeFormat>();
const formatters = new Map<string, TimeFormatter>();
const relativeWords = new Map<string, Intl.RelativeTimeFormat>();

/** Intl objects are slow to build: one per (locale, zone, clock, style), kept for the process. */
function cachedFormat(locale: string, timeZone: string, hourCycle: HourCycle, style: Style): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${hourCycle}|${JSON.stringify(style)}`;
  let format = formats.get(key);
  if (!format) {
    const withClock = style.hour ? { ...style, hourCycle } : style;
    format = new Intl.DateTimeFormat(locale, { ...withClock, timeZone });
    formats.set(key, format);
  }
  return format;
}

// ICU writes narrow and thin no-break spaces ("6:00\u202fPM", "6:00\u2009–\u20098:00") whose choice
// differs between ICU versions; plain spaces keep server and browser text identical.
const plain = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ');
const toDate = (at: Instant) => (at instanceof Date ? at : new Date(at));

/** The clock a locale uses when the organization has not chosen one. */
export function localeHourCycle(locale: string): HourCycle {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24' ? 'h23' : 'h12';
}

export function isSupportedLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 1;
  } catch {
    return false;
  }
}

function checkedTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}": expected an IANA name such as America/New_York`);
  }
}

function checkedLocale(locale: string): string {
  if (!isSupportedLocale(locale))
    throw new RangeError(`Unsupported locale "${locale}": expected a BCP 47 tag such as en-US`);
  return Intl.getCanonicalLocales(locale)[0];
}

/** The organization's formatter; throws a RangeError naming a bad zone or locale. */
export function createTimeFormatter(settings: TimeFormatSettings): TimeFormatter {
  const key = `${settings.timeZone}|${settings.locale ?? ''}|${settings.clock ?? ''}`;
  const known = formatters.get(key);
  if (known) return known;
  const timeZone = checkedTimeZone(settings.timeZone);
  const locale = checkedLocale(settings.locale ?? DEFAULT_LOCALE);
  const hourCycle: HourCycle = settings.clock ? (settings.clock === '24h' ? 'h23' : 'h12') : localeHourCycle(locale);
  const formatter = buildFormatter(timeZone, locale, hourCycle);
  formatters.set(key, formatter);
  return formatter;
}

function buildFormatter(timeZone: string, locale: string, hourCycle: HourCycle): TimeFormatter {
  const one = (style: Style) => (at: Instant) =>
    plain(cachedFormat(locale, timeZone, hourCycle, style).format(toDate(at)));
  const dayOf = (at: Instant) => DateTime.fromJSDate(toDate(at), { zone: timeZone }).startOf('day');
  const offset = (at: Date) => DateTime.fromJSDate(at, { zone: timeZone }).offset;
  const span = (style: Style) => (start: Instant, end: Instant) => {
    const [from, to] = [toDate(start), toDate(end)];
    // Across a clock change the two ends keep different offsets: each end names its zone, so that
    // 1:30 EDT – 1:30 EST (the hour repeated in November) neither collapses nor reads as nothing.
    if (offset(from) !== offset(to)) {
      const named = (s: Style) => cachedFormat(locale, timeZone, hourCycle, { ...s, timeZoneName: 'short' });
      const sameDay = dayOf(from).equals(dayOf(to));
      return plain(`${named(style).format(from)} – ${named(sameDay ? TIME : style).format(to)}`);
    }
    return plain(cachedFormat(locale, timeZone, hourCycle, style).formatRange(from, to));
  };
  const utcDay = (isoDate: string) => {
    const day = DateTime.fromISO(isoDate, { zone: 'utc' });
    if (!day.isValid) throw new RangeError(`Not a calendar date: "${isoDate}" (expected YYYY-MM-DD)`);
    return day.toJSDate();
  };
  const utcFormat = (style: Style) => cachedFormat(locale, 'UTC', hourCycle, style);
  // A time of day is a wall-clock reading with no place: written as that reading on a day in UTC.
  const utcTime = (hhmm: string) => {
    const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
    const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
    if (!(minutes >= 0 && minutes <= 24 * 60 && Number(match?.[2]) < 60))
      throw new RangeError(`Not a time of day: "${hhmm}" (expected HH:mm from 00:00 to 24:00)`);
    return new Date(minutes * 60_000);
  };
  const timeOfDay = (hhmm: string) => plain(utcFormat(TIME).format(utcTime(hhmm)));
  const time = one(TIME);
  const date = one(DATE);
  const range = span({ ...DATE, ...TIME });
  const timeRange = span(TIME);
  const daysBetween = (from: Instant, to: Instant) => Math.round(dayOf(to).diff(dayOf(from), 'days').days);
  return {
    timeZone,
    locale,
    hourCycle,
    date,
    shortDate: one(SHORT_DATE),
    time,
    dateTime: one({ ...DATE, ...TIME }),
    shortDateTime: one({ ...SHORT_DATE, ...TIME }),
    range,
    shortRange: span({ ...SHORT_DATE, ...TIME }),
    timeRange,
    long: one(LONG),
    longRange: span(LONG),
    dayHeading: one(DAY_HEADING),
    calendarDayHeading: (isoDate) => plain(utcFormat(DAY_HEADING).format(utcDay(isoDate))),
    calendarDate: (isoDate) => plain(utcFormat(DATE).format(utcDay(isoDate))),
    calendarDateRange: (first, last) => plain(utcFormat(DATE_SPAN).formatRange(utcDay(first), utcDay(last))),
    calendarDateParts(isoDate) {
      const day = utcDay(isoDate);
      const parts = utcFormat(SHORT_DATE).formatToParts(day);
      const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
      return { weekday: part('weekday'), day: part('day'), monthDay: plain(utcFormat(MONTH_DAY).format(day)) };
    },
    timeOfDay,
    timeOfDayRange(from, to) {
      const [start, end] = [utcTime(from), utcTime(to)];
      // Ending at 24:00 puts the end on the next day, which formatRange would write as two dates.
      if (to === '24:00') return `${timeOfDay(from)}${rangeSeparator(locale, hourCycle)}${timeOfDay(to)}`;
      return plain(utcFormat(TIME).formatRange(start, end));
    },
    hourOfDay: (hour) => {
      if (!Number.isInteger(hour) || hour < 0 || hour > 24) throw new RangeError(`Not an hour of the day: ${hour}`);
      // A 24-hour scale reads 18:00 (as calendars write it); a 12-hour one "6 PM".
      return plain(utcFormat(hourCycle === 'h23' ? TIME : HOUR).format(new Date(hour * 3_600_000)));
    },
    machine: (at) => toDate(at).toISOString(),
    relative(at, now) {
      const days = daysBetween(now, at);
      if (Math.abs(days) > RELATIVE_DAYS) return date(at);
      const words = relativeDays(locale).format(days, 'day');
      return Math.abs(days) <= 1 ? `${words} ${time(at)}` : words;
    },
    relativeRange(start, end, now) {
      const days = daysBetween(now, start);
      if (Math.abs(days) > 1 || !dayOf(start).equals(dayOf(end))) return range(start, end);
      return `${relativeDays(locale).format(days, 'day')} ${timeRange(start, end)}`;
    },
  };
}

/** What the locale writes between the two ends of a span of times (" – " in en-US, "–" in en-GB). */
function rangeSeparator(locale: string, hourCycle: HourCycle): string {
  const parts = cachedFormat(locale, 'UTC', hourCycle, TIME).formatRangeToParts(
    new Date(9 * 3_600_000),
    new Date(17 * 3_600_000),
  );
  const firstEnd = parts.findIndex((part) => part.source === 'endRange');
  let lastStart = firstEnd - 1;
  while (lastStart >= 0 && parts[lastStart].source !== 'startRange') lastStart--;
  return plain(
    parts
      .slice(lastStart + 1, firstEnd)
      .map((part) => part.value)
      .join(''),
  );
}

function relativeDays(locale: string): Intl.RelativeTimeFormat {
  let words = relativeWords.get(locale);
  if (!words) {
    words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeWords.set(locale, words);
  }
  return words;
}

/** The formatter settings of an organization row (its zone column and the locale and clock of its settings). */
export function organizationTimeFormat(org: {
  timeZone: string;
  settings?: { locale?: string; clock?: Clock } | null;
}): TimeFormatSettings {
  return {
    timeZone: org.timeZone,
    ...(org.settings?.locale ? { locale: org.settings.locale } : {}),
    ...(org.settings?.clock ? { clock: org.settings.clock } : {}),
  };
}

/**
 * The organization's formatter: its zone, locale and clock (ADR 034). Give `timeZone` to write the
 * times of a place with a zone of its own (a resource, an artist's studio) in the organization's voice.
 */
export function orgTimeFormatter(
  org: { timeZone: string; settings?: { locale?: string; clock?: Clock } | null },
  timeZone?: string,
): TimeFormatter {
  const voice = organizationTimeFormat(org);
  return createTimeFormatter({ ...voice, timeZone: timeZone ?? voice.timeZone });
}
