import { createEvent, createEvents, type EventAttributes } from 'ics';
import { inviteUid } from '../calendar-invite';

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

/** Stable across moves and edits (the invite emails' UID), so calendars update the event instead of adding a second one. */
export function sessionUid(sessionId: string): string {
  return inviteUid('session', sessionId);
}

/** One event of a subscribed feed: any booking or session, named by the UID its invites carry. */
export interface FeedEvent {
  uid: string;
  /** The booking's SEQUENCE: raised by the database on every visible change. */
  sequence: number;
  title: string;
  description?: string;
  startsAt: Date;
  endsAt: Date;
  location?: string;
  url?: string;
  /** TENTATIVE for what is not settled yet (a booking awaiting approval, a seat offered but not taken). */
  status: 'CONFIRMED' | 'TENTATIVE';
  organizer?: { name: string; email?: string };
}

function attributesOf(event: FeedEvent): EventAttributes {
  return {
    uid: event.uid,
    sequence: event.sequence,
    // `ics` knows no TZID: instants go in and out as UTC, which every client shows in its own zone.
    start: event.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: event.title,
    description: event.description,
    location: event.location,
    url: event.url,
    status: event.status,
    organizer: event.organizer,
  };
}

export function sessionFeedEvent(entry: SessionCalendarEntry): FeedEvent {
  return {
    uid: sessionUid(entry.sessionId), sequence: entry.sequence, title: entry.title, description: entry.description,
    startsAt: entry.startsAt, endsAt: entry.endsAt, location: entry.location, url: entry.url, status: 'CONFIRMED', organizer: entry.organizer,
  };
}

const eventOf = (entry: SessionCalendarEntry) => attributesOf(sessionFeedEvent(entry));

/** A one-event calendar for a download ("add to calendar"): METHOD:PUBLISH, times in UTC, DTSTAMP fresh. */
export function sessionIcs(entry: SessionCalendarEntry): string {
  const { error, value } = createEvent({ ...eventOf(entry), productId: 'infra24/workshops', method: 'PUBLISH' });
  // ics reports problems in `error` rather than throwing; an invalid calendar must never be served.
  if (error || !value) throw new Error(`could not build the calendar entry: ${error?.message ?? 'empty output'}`);
  return value;
}

/** Calendar names are one text line; a name with a line break or comma would break the header. */
function calendarNameLine(name: string): string {
  return name.replace(/[\r\n]+/g, ' ').replace(/([\\;,])/g, '\\$1');
}

/**
 * A subscribable calendar (METHOD:PUBLISH, times in UTC): the public catalog, a person's own
 * calendar, a resource's bookings. Events keep their invites' UIDs, so nothing is doubled.
 */
export function publishFeed(events: FeedEvent[], calendarName: string, productId = 'infra24/calendar'): string {
  if (events.length === 0) {
    // ics refuses an empty list; an empty feed is still a valid calendar.
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${productId}`, 'METHOD:PUBLISH', `X-WR-CALNAME:${calendarNameLine(calendarName)}`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events.map(attributesOf), { productId, method: 'PUBLISH', calName: calendarName });
  if (error || !value) throw new Error(`could not build the feed: ${error?.message ?? 'empty output'}`);
  return value;
}

/** A subscribable feed of sessions (METHOD:PUBLISH): same UIDs as the downloads, so nothing is doubled. */
export function sessionsFeed(entries: SessionCalendarEntry[], calendarName: string): string {
  return publishFeed(entries.map(sessionFeedEvent), calendarName, 'infra24/workshops');
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
