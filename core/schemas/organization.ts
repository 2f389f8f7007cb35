import { z } from 'zod';
import { hexColorSchema } from '../accent-color';
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

/**
 * What an admin may set among an organization's settings from its pages (organizations.settings).
 * `accentColor` colours its public pages (buttons, links, focus rings; ADR 033).
 */
export const organizationSettingsSchema = z
  .object({
    accentColor: hexColorSchema.optional(),
  })
  .partial();

export type OrganizationSettingsInput = z.infer<typeof organizationSettingsSchema>;
