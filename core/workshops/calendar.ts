import { createEvent, createEvents, type EventAttributes } from 'ics';

export interface SessionCalendarEntry {
  sessionId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** The booking's SEQUENCE: raised by the database on every visible change. */
  sequence: number;
  location: string;
  url: string;
  organizer: { name: string; email?: string };
}

/** Stable across moves and edits, so calendars update the event instead of adding a second one. */
export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@infra24`;
}

function eventOf(entry: SessionCalendarEntry): EventAttributes {
  return {
    uid: sessionUid(entry.sessionId),
    sequence: entry.sequence,
    start: entry.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: entry.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: entry.title,
    description: entry.description,
    location: entry.location,
    url: entry.url,
    status: 'CONFIRMED',
    organizer: entry.organizer,
  };
}

/** A one-event calendar for a download ("add to calendar"): METHOD:PUBLISH, times in UTC, DTSTAMP fresh. */
export function sessionIcs(entry: SessionCalendarEntry): string {
  const { error, value } = createEvent({ ...eventOf(entry), productId: 'infra24/workshops', method: 'PUBLISH' });
  // ics reports problems in `error` rather than throwing; an invalid calendar must never be served.
  if (error || !value) throw new Error(`could not build the calendar entry: ${error?.message ?? 'empty output'}`);
  return value;
}

/** A subscribable feed of sessions (METHOD:PUBLISH): same UIDs as the downloads, so nothing is doubled. */
export function sessionsFeed(entries: SessionCalendarEntry[], calendarName: string): string {
  if (entries.length === 0) {
    // ics refuses an empty list; an empty feed is still a valid calendar.
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:infra24/workshops', 'METHOD:PUBLISH', `X-WR-CALNAME:${calendarName}`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(entries.map(eventOf), { productId: 'infra24/workshops', method: 'PUBLISH', calName: calendarName });
  if (error || !value) throw new Error(`could not build the feed: ${error?.message ?? 'empty output'}`);
  return value;
}

function googleDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A Google Calendar "add event" link with the same facts as the download. */
export function googleCalendarUrl(entry: Pick<SessionCalendarEntry, 'title' | 'description' | 'startsAt' | 'endsAt' | 'location'>): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: entry.title,
    dates: `${googleDate(entry.startsAt)}/${googleDate(entry.endsAt)}`,
    details: entry.description,
    location: entry.location,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
