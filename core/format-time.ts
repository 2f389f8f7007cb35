import { DateTime } from 'luxon';

/** "Monday, December 7, 2026, 9:00 AM – 11:00 AM EST", in the venue's zone: what an email says. */
export function formatTimeRange(startsAt: string | Date, endsAt: string | Date, timeZone: string): string {
  const start = DateTime.fromJSDate(new Date(startsAt), { zone: timeZone });
  const end = DateTime.fromJSDate(new Date(endsAt), { zone: timeZone });
  const day = start.toFormat('cccc, LLLL d, yyyy');
  const sameDay = start.hasSame(end, 'day');
  const endText = sameDay ? end.toFormat('h:mm a ZZZZ') : `${end.toFormat('cccc, LLLL d, yyyy')}, ${end.toFormat('h:mm a ZZZZ')}`;
  return `${day}, ${start.toFormat('h:mm a')} – ${endText}`;
}

export function formatInstant(at: string | Date, timeZone: string): string {
  return DateTime.fromJSDate(new Date(at), { zone: timeZone }).toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");
}
