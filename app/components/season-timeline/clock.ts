import { DateTime } from 'luxon';

/**
 * Short clock labels in the organization's zone, as a calendar writes them: "6–8 pm",
 * "10:30 am–12 pm". Kept per item (items are new objects whenever the draft changes, so a cached
 * label never goes stale): formatting in a zone is the costliest part of drawing a bar.
 */
const ranges = new WeakMap<object, string>();

const clock = (time: DateTime) => (time.minute === 0 ? time.toFormat('h') : time.toFormat('h:mm'));
const meridiem = (time: DateTime) => time.toFormat('a').toLowerCase();

export function clockRange(item: { start: Date; end: Date }, zone: string): string {
  const cached = ranges.get(item);
  if (cached !== undefined) return cached;
  const start = DateTime.fromJSDate(item.start, { zone });
  const end = DateTime.fromJSDate(item.end, { zone });
  const sameHalf = meridiem(start) === meridiem(end) && start.hasSame(end, 'day');
  const text = `${clock(start)}${sameHalf ? '' : ` ${meridiem(start)}`}–${clock(end)} ${meridiem(end)}${
    start.hasSame(end, 'day') ? '' : ` ${end.toFormat('ccc d')}`
  }`;
  ranges.set(item, text);
  return text;
}

/** "Mon 4 Mar, 6–8 pm": a day and its hours, for names read aloud and hover text. */
const dayRanges = new WeakMap<object, string>();
export function dayAndClockRange(item: { start: Date; end: Date }, zone: string): string {
  let text = dayRanges.get(item);
  if (text === undefined) {
    text = `${DateTime.fromJSDate(item.start, { zone }).toFormat('ccc d LLL')}, ${clockRange(item, zone)}`;
    dayRanges.set(item, text);
  }
  return text;
}
