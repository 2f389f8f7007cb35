import { z } from 'zod';
import { jsonRecord, line } from '../validation';
import { availabilityRulesSchema } from '../availability';
import { timeZoneSchema } from '../time-zone';

export const resourceTypeSchema = z.enum(['space', 'equipment', 'person', 'other']);

const resourceFields = {
  title: line().trim().min(1, 'is required').max(200),
  type: resourceTypeSchema,
  capacity: z.number().int().min(1).max(100_000),
  timeZone: timeZoneSchema,
  isBookable: z.boolean(),
  requiresApproval: z.boolean(),
  availabilityRules: availabilityRulesSchema,
  metadata: jsonRecord(),
  visitMinutes: z
    .number()
    .int('must be whole minutes')
    .min(5, 'must be at least 5 minutes')
    .max(1440, 'must be at most 1440 minutes (a day)')
    .nullable()
    .describe('Studio visits: the length of one visit; null for free-form booking times'),
  bufferMinutes: z
    .number()
    .int('must be whole minutes')
    .min(0, 'must not be negative')
    .max(1440, 'must be at most 1440 minutes')
    .describe('Kept free around every other booking of a visit resource'),
  minNoticeMinutes: z
    .number()
    .int('must be whole minutes')
    .min(0, 'must not be negative')
    .max(525_600, 'must be at most a year')
    .describe('How long before its start a request must come in'),
  allowPublicRequests: z.boolean().describe('People without an account may request a visit with their name and email'),
};

export const resourceCreateSchema = z
  .object({
    ...resourceFields,
    capacity: resourceFields.capacity.default(1),
    timeZone: resourceFields.timeZone.optional().describe("Defaults to the organization's time zone"),
    isBookable: resourceFields.isBookable.default(true),
    requiresApproval: resourceFields.requiresApproval.default(false),
    availabilityRules: resourceFields.availabilityRules.default({}),
    metadata: resourceFields.metadata.default({}),
    visitMinutes: resourceFields.visitMinutes.optional(),
    bufferMinutes: resourceFields.bufferMinutes.optional(),
    minNoticeMinutes: resourceFields.minNoticeMinutes.optional(),
    allowPublicRequests: resourceFields.allowPublicRequests.optional(),
  })
  .strict();

export const resourcePatchSchema = z
  .object({ ...resourceFields, archived: z.boolean() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' });

export type ResourceCreateInput = z.infer<typeof resourceCreateSchema>;
export type ResourcePatch = z.infer<typeof resourcePatchSchema>;
