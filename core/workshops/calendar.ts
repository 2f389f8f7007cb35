import { downloadIcs, publishFeed, type FeedEvent } from '../calendar-feed';
import { inviteUid } from '../calendar-invite';

export interface SessionCalendarEntry {
  sessionId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** The booking's SEQUENCE: raised by the database on every visible change. */
  sequence: number;
  /** When the session or its workshop last changed: the event's DTSTAMP. */
  updatedAt: Date;
  location: string;
  url: string;
  organizer: { name: string; email?: string };
}

/** Stable across moves and edits (the invite emails' UID), so calendars update the event instead of adding a second one. */
export function sessionUid(sessionId: string): string {
  return inviteUid('session', sessionId);
}

export function sessionFeedEvent(entry: SessionCalendarEntry): FeedEvent {
  return {
    uid: sessionUid(entry.sessionId),
    sequence: entry.sequence,
    updatedAt: entry.updatedAt,
    title: entry.title,
    description: entry.description,
    startsAt: entry.startsAt,
    endsAt: entry.endsAt,
    location: entry.location,
    url: entry.url,
    status: 'CONFIRMED',
    organizer: entry.organizer,
  };
}

/** A one-event calendar for a download ("add to calendar"). */
export function sessionIcs(entry: SessionCalendarEntry): string {
  return downloadIcs(sessionFeedEvent(entry), 'infra24/workshops');
}

/** A subscribable feed of sessions (METHOD:PUBLISH): same UIDs as the downloads, so nothing is doubled. */
export function sessionsFeed(entries: SessionCalendarEntry[], calendarName: string): string {
  return publishFeed(entries.map(sessionFeedEvent), calendarName, 'infra24/workshops');
}

function googleDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A Google Calendar "add event" link with the same facts as the download. */
export function googleCalendarUrl(
  entry: Pick<SessionCalendarEntry, 'title' | 'description' | 'startsAt' | 'endsAt' | 'location'>,
): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: entry.title,
    dates: `${googleDate(entry.startsAt)}/${googleDate(entry.endsAt)}`,
    details: entry.description,
    location: entry.location,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
