import { calendarDocument, type CalendarEventLines } from './calendar-event';

/** One event of a subscribed feed: any booking or session, named by the UID its invites carry. */
export interface FeedEvent {
  uid: string;
  /** The booking's SEQUENCE, or the person's own when they were sent a higher one (ADR 030). */
  sequence: number;
  /** When the event last changed: its DTSTAMP, so an unchanged feed is byte-for-byte the same. */
  updatedAt: Date;
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

/** How often calendar apps should fetch a subscribed feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_INTERVAL = 'PT1H';

const linesOf = (event: FeedEvent): CalendarEventLines => ({ ...event, stampedAt: event.updatedAt });

/** A one-event calendar for a download ("add to calendar"): METHOD:PUBLISH, times in UTC. */
export function downloadIcs(event: FeedEvent, productId: string): string {
  return calendarDocument({ productId, method: 'PUBLISH' }, [linesOf(event)]);
}

/**
 * A subscribable calendar (METHOD:PUBLISH, times in UTC): the public catalog, a person's own
 * calendar, a resource's bookings. Events keep their invites' UIDs, so nothing is doubled; an
 * empty one is still a valid calendar.
 */
export function publishFeed(events: FeedEvent[], calendarName: string, productId = 'infra24/calendar'): string {
  return calendarDocument(
    { productId, method: 'PUBLISH', name: calendarName, refreshInterval: FEED_REFRESH_INTERVAL },
    events.map(linesOf),
  );
}

/** The newest change among a feed's events: its Last-Modified. */
export function feedLastModified(events: FeedEvent[]): Date | undefined {
  return events.reduce<Date | undefined>(
    (latest, e) => (!latest || e.updatedAt > latest ? e.updatedAt : latest),
    undefined,
  );
}

/** The later of two change times (an event's own and its workshop's, for instance). */
export const laterOf = (a: Date, b: Date | undefined): Date => (b && b > a ? b : a);
