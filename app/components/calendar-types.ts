import type { AvailabilityRules } from '../../core/availability';
import type { BookingView } from '../../db/operations/bookings/booking-records';

export interface CalendarResource {
  id: string;
  title: string;
  type: string;
  timeZone: string;
  availabilityRules: AvailabilityRules;
}

export interface CalendarEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  status: BookingView['status'];
  pendingReason: BookingView['pendingReason'];
  booking: BookingView;
}

export interface CalendarActionResult {
  ok: boolean;
  error?: string;
  fields?: Record<string, string[]>;
  booking?: BookingView;
  conflicts?: { id: string; title: string; startsAt: string; endsAt: string }[];
}

export function toCalendarEvent(booking: BookingView): CalendarEvent {
  return {
    id: booking.id,
    title: booking.title,
    start: new Date(booking.startsAt),
    end: new Date(booking.endsAt),
    resourceId: booking.resourceId,
    status: booking.status,
    pendingReason: booking.pendingReason,
    booking,
  };
}
