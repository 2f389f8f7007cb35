import { z } from 'zod';
import { availabilityRulesSchema } from '../../core/availability';
import { bookingStatusSchema } from '../../core/schemas/booking';
import { resourceTypeSchema } from '../../core/schemas/resource';

/** Response shapes, used only to document the API (requests are validated with core/ schemas). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
      conflicts: z
        .array(
          z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), status: z.string() }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

export const resourceSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    type: resourceTypeSchema,
    capacity: z.number().int(),
    timeZone: z.string(),
    isBookable: z.boolean(),
    requiresApproval: z.boolean(),
    availabilityRules: availabilityRulesSchema,
    metadata: z.record(z.string(), z.unknown()),
    visitMinutes: z.number().int().nullable(),
    bufferMinutes: z.number().int(),
    minNoticeMinutes: z.number().int(),
    allowPublicRequests: z.boolean(),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Resource' });

export const bookingSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    resourceId: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    status: bookingStatusSchema,
    pendingReason: z.enum(['hold', 'approval']).nullable(),
    holdExpiresAt: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    sequence: z.number().int(),
    source: z.string(),
    isPublic: z.boolean(),
    seasonId: z.uuid().nullable(),
    draftItemId: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    approvedBy: z.uuid().nullable(),
    cancelReason: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Booking' });

export const orgParamsSchema = z.object({ org: z.string().min(1) });
export const orgItemParamsSchema = z.object({ org: z.string().min(1), id: z.uuid('must be a uuid') });

const errorContent = { content: { 'application/json': { schema: errorBodySchema } } };

/** The error responses every authenticated endpoint may give. */
export const commonErrors = {
  401: { ...errorContent, description: 'No or unknown API key' },
  403: { ...errorContent, description: 'The key belongs to another organization or lacks the role' },
  404: { ...errorContent, description: 'No such organization or item' },
  422: { ...errorContent, description: 'Invalid input; `fields` names what is wrong' },
} as const;

export const conflictError = {
  409: {
    ...errorContent,
    description: 'In the way of another booking (named in `conflicts`), or not allowed in the current state',
  },
} as const;

export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } };
}

export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
