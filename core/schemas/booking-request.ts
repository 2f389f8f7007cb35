import { z } from 'zod';
import { line, text } from '../validation';

/** A member's request for equipment: local wall-clock times (`YYYY-MM-DDTHH:MM`) in the equipment's zone. */
export const equipmentRequestSchema = z.object({
  resourceId: z.uuid('choose the equipment'),
  startsAt: z.string().min(1, 'is required'),
  endsAt: z.string().min(1, 'is required'),
  purpose: line().trim().max(200, 'must be at most 200 characters').optional(),
});

export type EquipmentRequest = z.infer<typeof equipmentRequestSchema>;

/** A studio-visit request: one of the artist's offered slots, as an instant with its offset. */
export const visitRequestSchema = z.object({
  resourceId: z.uuid('choose an artist'),
  startsAt: z.iso.datetime({ offset: true, error: 'choose a time' }),
  note: text().trim().max(1000, 'must be at most 1000 characters').optional(),
});

/** Who is asking, when they are not signed in. */
export const visitGuestSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  email: z.email({ error: (issue) => (issue.input ? 'must be an email address' : 'is required') }).max(254),
});

/** The whole form a guest sends: the request and who they are. */
export const guestVisitRequestSchema = visitRequestSchema.extend(visitGuestSchema.shape);
export type GuestVisitRequest = z.infer<typeof guestVisitRequestSchema>;
