import {
  calendarText,
  contentLine,
  escapeLine,
  escapeText,
  type Person,
  personLine,
  singleLine,
  utcDateTime,
} from './icalendar';

/** One VEVENT as every calendar this project writes (invites, feeds, downloads) describes it. */
export interface CalendarEventLines {
  uid: string;
  sequence: number;
  /** DTSTAMP: when this copy was written (invites), or when the event last changed (feeds, so they can be cached). */
  stampedAt: Date;
  startsAt: Date;
  endsAt: Date;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  organizer?: Person;
  attendee?: Person;
}

export function eventLines(event: CalendarEventLines): Array<string | null> {
  return [
    'BEGIN:VEVENT',
    contentLine('UID', singleLine(event.uid)),
    contentLine('SEQUENCE', String(event.sequence)),
    contentLine('DTSTAMP', utcDateTime(event.stampedAt)),
    contentLine('DTSTART', utcDateTime(event.startsAt)),
    contentLine('DTEND', utcDateTime(event.endsAt)),
    contentLine('SUMMARY', escapeLine(event.title)),
    event.description ? contentLine('DESCRIPTION', escapeText(event.description)) : null,
    event.location ? contentLine('LOCATION', escapeLine(event.location)) : null,
    event.url ? contentLine('URL', singleLine(event.url), { VALUE: 'URI' }) : null,
    contentLine('STATUS', event.status),
    event.organizer ? personLine('ORGANIZER', event.organizer) : null,
    event.attendee
      ? personLine('ATTENDEE', event.attendee, {
          ROLE: 'REQ-PARTICIPANT',
          PARTSTAT: event.status === 'CANCELLED' ? 'DECLINED' : 'ACCEPTED',
          RSVP: 'FALSE',
        })
      : null,
    'END:VEVENT',
  ];
}

export interface CalendarHeader {
  productId: string;
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** Subscribed calendars: their name and how often apps should fetch them again. */
  name?: string;
  refreshInterval?: string;
}

/**
 * RFC 5545 wants at least one component; a feed with nothing in it carries the UTC time zone,
 * which every parser accepts and no event refers to.
 */
const UTC_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:UTC',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0000',
  'TZNAME:UTC',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function calendarDocument(header: CalendarHeader, events: CalendarEventLines[]): string {
  return calendarText([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    contentLine('PRODID', singleLine(header.productId)),
    'CALSCALE:GREGORIAN',
    contentLine('METHOD', header.method),
    header.name !== undefined ? contentLine('X-WR-CALNAME', escapeLine(header.name)) : null,
    header.name !== undefined ? contentLine('NAME', escapeLine(header.name)) : null,
    header.refreshInterval ? contentLine('REFRESH-INTERVAL', header.refreshInterval, { VALUE: 'DURATION' }) : null,
    header.refreshInterval ? contentLine('X-PUBLISHED-TTL', header.refreshInterval) : null,
    ...(events.length === 0 ? UTC_TIMEZONE : events.flatMap(eventLines)),
    'END:VCALENDAR',
  ]);
}
