import { z } from 'zod';
import { bookingCreateSchema } from './booking';
import { wallClockInstant, wallClockSpan } from './wall-clock';

const api = bookingCreateSchema.shape;

/**
 * The staff calendar's booking dialog: the API's own fields, with the times as staff type them (wall
 * clock in the organization's zone). What it reads is then the API's input and passes
 * `bookingCreateSchema` itself, so the dialog and the JSON API accept the same bookings.
 */
export function bookingFormSchema(timeZone: string) {
  return z
    .object({
      title: api.title,
      resourceId: api.resourceId,
      startsAt: wallClockInstant(timeZone),
      endsAt: wallClockInstant(timeZone),
      status: api.status,
      availabilityOverrideReason: api.availabilityOverrideReason,
    })
    .superRefine(...wallClockSpan('bookingDays'))
    .transform(({ startsAt, endsAt, ...rest }) => ({
      ...rest,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    }))
    .pipe(bookingCreateSchema);
}

/** The fields the dialog shows: a refusal naming one of them goes beside it. */
export const BOOKING_FORM_FIELDS: readonly string[] = [
  'title',
  'resourceId',
  'startsAt',
  'endsAt',
  'status',
  'availabilityOverrideReason',
];
