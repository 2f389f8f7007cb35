import { createEvent, createEvents, type EventAttributes } from 'ics';
import { icsPerson, icsText } from './calendar-invite';

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
    title: icsText(event.title),
    description: icsText(event.description),
    location: icsText(event.location),
    url: event.url,
    status: event.status,
    organizer: icsPerson(event.organizer),
  };
}

/** A one-event calendar for a download ("add to calendar"): METHOD:PUBLISH, times in UTC, DTSTAMP fresh. */
export function downloadIcs(event: FeedEvent, productId: string): string {
  const { error, value } = createEvent({ ...attributesOf(event), productId, method: 'PUBLISH' });
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
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `PRODID:${productId}`,
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${calendarNameLine(calendarName)}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(events.map(attributesOf), {
    productId,
    method: 'PUBLISH',
    calName: calendarName,
  });
  if (error || !value) throw new Error(`could not build the feed: ${error?.message ?? 'empty output'}`);
  return value;
}
