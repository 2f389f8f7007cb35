import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export interface OrganizationSettings {
  brandColor?: string;
  holdMinutes?: number;
  /** Hours before a booking or session that its reminder is sent (default 24). */
  reminderHours?: number;
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
