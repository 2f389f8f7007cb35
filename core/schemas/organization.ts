import { z } from 'zod';
import { hexColorSchema } from '../accent-color';
import { line } from '../validation';
import { slugSchema } from '../slugs';
import { isSupportedLocale } from '../time-format';
import { timeZoneSchema } from '../time-zone';

export const organizationCreateSchema = z
  .object({
    slug: slugSchema,
    name: line().trim().min(1, 'is required').max(200),
    timeZone: timeZoneSchema.default('America/New_York'),
  })
  .strict();

export type OrganizationCreateInput = z.infer<typeof organizationCreateSchema>;

/** A BCP 47 tag the runtime can format dates in (en-US, en-GB, de-DE, es-419, …). */
export const localeSchema = z
  .string()
  .trim()
  .min(2, 'is required')
  .max(35)
  .refine(isSupportedLocale, { message: 'is not a known locale (e.g. en-US, en-GB, de-DE)' })
  // Stored as written canonically: "en-gb" → "en-GB".
  .transform((tag) => Intl.getCanonicalLocales(tag)[0]);

/** 12- or 24-hour clock; unset means the locale's own. */
export const clockSchema = z.enum(['12h', '24h']);

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
