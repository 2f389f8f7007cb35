import { z } from 'zod';
import { hexColorSchema } from '../accent-color';
import { line } from '../validation';
import { slugSchema } from '../slugs';
import { isSupportedLocale } from '../time-format';
import { canonicalTimeZone, timeZoneSchema } from '../time-zone';

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

/** Hours as a whole number between `min` and `max` (bounded: a year of hours is never meant). */
const hoursSchema = (min: number, max: number) =>
  z
    .number({ error: 'must be a whole number of hours' })
    .int('must be a whole number of hours')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/**
 * What an admin may set among an organization's settings from its pages (organizations.settings);
 * every key is optional and an absent one means its default. `accentColor` colours its public pages
 * (buttons, links, focus rings; ADR 033); `locale` and `clock` write its times (ADR 034); the hours
 * are the workshop rules (defaults: core/workshops/policy.ts, workers/dispatch.ts).
 */
export const organizationSettingsSchema = z
  .object({
    accentColor: hexColorSchema,
    locale: localeSchema,
    clock: clockSchema,
    /** Hours before a session after which people can no longer cancel themselves; 0: until it starts. */
    cancellationCutoffHours: hoursSchema(0, 720),
    /** How long a waitlist offer stays open. */
    offerHours: hoursSchema(1, 168),
    /** Hours before a booking or session that its reminder is sent. */
    reminderHours: hoursSchema(1, 168),
  })
  .partial();

export type OrganizationSettingsInput = z.infer<typeof organizationSettingsSchema>;

/** The keys of `organizationSettingsSchema`: an update replaces exactly these in organizations.settings. */
export const ORGANIZATION_SETTING_KEYS = Object.keys(
  organizationSettingsSchema.shape,
) as (keyof OrganizationSettingsInput)[];

/** The organization form of the settings page: its name, time zone and settings. */
export const organizationFormSchema = z.object({
  name: line().trim().min(1, 'is required').max(200),
  timeZone: timeZoneSchema.transform(canonicalTimeZone),
  ...organizationSettingsSchema.shape,
});

export type OrganizationFormInput = z.infer<typeof organizationFormSchema>;
