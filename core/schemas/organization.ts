import { z } from 'zod';
import { line } from '../validation';
import { slugSchema } from '../slugs';
import { timeZoneSchema } from '../time-zone';

export const organizationCreateSchema = z
  .object({
    slug: slugSchema,
    name: line().trim().min(1, 'is required').max(200),
    timeZone: timeZoneSchema.default('America/New_York'),
  })
  .strict();

export type OrganizationCreateInput = z.infer<typeof organizationCreateSchema>;
