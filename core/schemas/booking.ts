import { z } from 'zod';
import { implausibleInstantMessage, isPlausibleInstant, spanTooLong } from '../span-limits';
import { jsonRecord, line, requiredOr, text } from '../validation';

const instant = z.iso
  .datetime({
    offset: true,
    ...requiredOr('must be an ISO 8601 date-time with a zone, e.g. 2026-03-09T14:00:00Z'),
  })
  .refine((value) => isPlausibleInstant(new Date(value)), implausibleInstantMessage);
const resourceId = z.uuid(requiredOr('must be a resource id (uuid)'));

function endsAfterStarts(value: { startsAt?: string; endsAt?: string }): boolean {
  if (!value.startsAt || !value.endsAt) return true;
  return new Date(value.endsAt) > new Date(value.startsAt);
}
const endsAfterStartsIssue = { message: 'must be after startsAt', path: ['endsAt'] };

/** A booking longer than the limit is refused here, before any calendar is walked. */
function checkBookingLength(value: { startsAt?: string; endsAt?: string }, ctx: z.core.$RefinementCtx) {
  if (!value.startsAt || !value.endsAt) return;
  const tooLong = spanTooLong(new Date(value.startsAt), new Date(value.endsAt), 'bookingDays');
  if (tooLong) ctx.addIssue({ code: 'custom', message: tooLong, path: ['endsAt'], input: value.endsAt });
}

const bookingFields = {
  title: line().trim().min(1, 'is required').max(200),
  description: text().max(5_000).optional(),
  startsAt: instant,
  endsAt: instant,
  isPublic: z.boolean().optional(),
  metadata: jsonRecord().optional(),
  availabilityOverrideReason: text()
    .trim()
    .min(3, 'must say why the availability rules are overridden')
    .max(500)
    .optional()
    .describe("Staff only: book outside the resource's opening hours, recording why"),
};

export const bookingCreateSchema = z
  .object({
    resourceId,
    ...bookingFields,
    status: z
      .enum(['confirmed', 'pending', 'hold'])
      .optional()
      .describe(
        'confirmed (default for staff); pending: a request awaiting approval; hold: pending until holdMinutes pass, then it expires',
      ),
    holdMinutes: z.number().int().min(1).max(10_080).optional().describe('Length of a hold; default 15'),
  })
  .strict()
  .refine(endsAfterStarts, endsAfterStartsIssue)
  .superRefine(checkBookingLength);

export const bookingPatchSchema = z
  .object({ resourceId, ...bookingFields })
  .partial()
  .strict()
  .refine(endsAfterStarts, endsAfterStartsIssue)
  .superRefine(checkBookingLength)
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' });

export const bookingReasonSchema = z.object({ reason: text().trim().max(500).optional() }).strict();

export const bookingStatusSchema = z.enum(['pending', 'confirmed', 'cancelled', 'declined']);

export const bookingListQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    resourceId: resourceId.optional(),
    status: bookingStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(2_000).optional(),
  })
  .refine((query) => !query.from || !query.to || new Date(query.to) > new Date(query.from), {
    message: 'must be after from',
    path: ['to'],
  })
  .superRefine((query, ctx) => {
    if (!query.from || !query.to) return;
    const tooLong = spanTooLong(new Date(query.from), new Date(query.to), 'queryDays', 'from');
    if (tooLong) ctx.addIssue({ code: 'custom', message: tooLong, path: ['to'], input: query.to });
  });

export type BookingCreateInput = z.infer<typeof bookingCreateSchema>;
export type BookingPatch = z.infer<typeof bookingPatchSchema>;
export type BookingListQuery = z.infer<typeof bookingListQuerySchema>;
