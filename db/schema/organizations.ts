import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export interface OrganizationSettings {
  /** The emails' colour. */
  brandColor?: string;
  /** The colour of the organization's pages (core/schemas/organization.ts organizationSettingsSchema; ADR 033). */
  accentColor?: string;
  holdMinutes?: number;
  /** Hours before a booking or session that its reminder is sent (default 24). */
  reminderHours?: number;
  /** Hours before a workshop session after which people can no longer cancel themselves (staff always can). Default 24. */
  cancellationCutoffHours?: number;
  /** How long a waitlist offer stays open. Default 24; shorter when the session is near. */
  offerHours?: number;
  /** BCP 47 tag the organization's dates are written in (default en-US); ADR 034. */
  locale?: string;
  /** 12- or 24-hour clock; unset: the locale's own. */
  clock?: '12h' | '24h';
}

export const organizations = pgTable('organizations', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('America/New_York'),
  settings: jsonb('settings').$type<OrganizationSettings>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
