import { DateTime } from 'luxon';

/** "Monday, December 7, 2026, 9:00 AM – 11:00 AM EST", in the venue's zone: what an email says. */
export function formatTimeRange(startsAt: string | Date, endsAt: string | Date, timeZone: string): string {
  const start = DateTime.fromJSDate(new Date(startsAt), { zone: timeZone });
  const end = DateTime.fromJSDate(new Date(endsAt), { zone: timeZone });
  const day = start.toFormat('cccc, LLLL d, yyyy');
  const sameDay = start.hasSame(end, 'day');
  const endText = sameDay
    ? end.toFormat('h:mm a ZZZZ')
    : `${end.toFormat('cccc, LLLL d, yyyy')}, ${end.toFormat('h:mm a ZZZZ')}`;
  return `${day}, ${start.toFormat('h:mm a')} – ${endText}`;
}

export function formatInstant(at: string | Date, timeZone: string): string {
  return DateTime.fromJSDate(new Date(at), { zone: timeZone }).toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");
}

/**
 * A short label for lists: "Tue 7 May 2030, 6:00 PM – 8:00 PM" for the people who come, "Tue 7 May
 * 2030, 18:00–20:00" on staff pages; an end on another day names that day. In the venue's zone.
 */
export function shortTimeRange(
  startsAt: string | Date,
  endsAt: string | Date,
  timeZone: string,
  clock: '12h' | '24h' = '12h',
): string {
  const start = DateTime.fromJSDate(new Date(startsAt), { zone: timeZone });
  const end = DateTime.fromJSDate(new Date(endsAt), { zone: timeZone });
  const time = clock === '12h' ? 'h:mm a' : 'HH:mm';
  const endText = end.toFormat(start.hasSame(end, 'day') ? time : `ccc d LLL, ${time}`);
  return `${start.toFormat(`ccc d LLL yyyy, ${time}`)}${clock === '12h' ? ' – ' : '–'}${endText}`;
}
