import { createEvent } from 'ics';
import { inviteUid } from './calendar-invite';

export interface BookingCalendarEntry {
  bookingId: string;
  /** The booking's SEQUENCE, raised by the database on every visible change. */
  sequence: number;
  status: 'pending' | 'confirmed';
  title: string;
  description?: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  organizer: { name: string; email: string };
}

/**
 * One booking as a download (METHOD:PUBLISH). The UID is the one its emailed invites carry, so
 * an approval or a move updates the same event; a request still waiting shows as TENTATIVE.
 */
export function bookingIcs(entry: BookingCalendarEntry): string {
  const { error, value } = createEvent({
    productId: 'infra24/bookings',
    method: 'PUBLISH',
    uid: inviteUid('booking', entry.bookingId),
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
    status: entry.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
    organizer: entry.organizer,
  });
  // ics reports problems in `error` rather than throwing; an invalid calendar must never be served.
  if (error || !value) throw new Error(`could not build the calendar entry: ${error?.message ?? 'empty output'}`);
  return value;
}
