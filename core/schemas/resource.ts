import { z } from 'zod';
import { availabilityRulesSchema } from '../availability';
import { timeZoneSchema } from '../time-zone';

export const resourceTypeSchema = z.enum(['space', 'equipment', 'person', 'other']);

const resourceFields = {
  title: z.string().trim().min(1, 'is required').max(200),
  type: resourceTypeSchema,
  capacity: z.number().int().min(1).max(100_000),
  timeZone: timeZoneSchema,
  isBookable: z.boolean(),
  requiresApproval: z.boolean(),
  availabilityRules: availabilityRulesSchema,
  metadata: z.record(z.string(), z.unknown()),
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
  })
  .strict();

export const resourcePatchSchema = z
  .object({ ...resourceFields, archived: z.boolean() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' });

export type ResourceCreateInput = z.infer<typeof resourceCreateSchema>;
export type ResourcePatch = z.infer<typeof resourcePatchSchema>;
