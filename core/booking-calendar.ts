import { downloadIcs } from './calendar-feed';
import { inviteUid } from './calendar-invite';

export interface BookingCalendarEntry {
  bookingId: string;
  /** The booking's SEQUENCE, raised by the database on every visible change. */
  sequence: number;
  /** When the booking last changed: the event's DTSTAMP. */
  updatedAt: Date;
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
  return downloadIcs(
    {
      uid: inviteUid('booking', entry.bookingId),
      sequence: entry.sequence,
      updatedAt: entry.updatedAt,
      title: entry.title,
      description: entry.description,
      startsAt: entry.startsAt,
      endsAt: entry.endsAt,
      location: entry.location,
      status: entry.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
      organizer: entry.organizer,
    },
    'infra24/bookings',
  );
}
