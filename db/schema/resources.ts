import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AvailabilityRules } from '../../core/availability';
import { createdAt, id, updatedAt } from './columns';
import { organizations } from './organizations';

export const RESOURCE_TYPES = ['space', 'equipment', 'person', 'other'] as const;

export const resources = pgTable(
  'resources',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    type: text('type', { enum: RESOURCE_TYPES }).notNull(),
    capacity: integer('capacity').notNull().default(1),
    timeZone: text('time_zone').notNull().default('America/New_York'),
    isBookable: boolean('is_bookable').notNull().default(true),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    availabilityRules: jsonb('availability_rules').$type<AvailabilityRules>().notNull().default({}),
    /** Slot-based booking (studio visits): a visit's length; null means free-form times. */
    visitMinutes: integer('visit_minutes'),
    /** Kept free between two visits, on both sides of a booking. */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    /** How far ahead of its start a visit must be requested. */
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(0),
    /** Whether people without an account may request a visit (with an email address). */
    allowPublicRequests: boolean('allow_public_requests').notNull().default(false),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Lets bookings reference (org_id, resource_id) so a booking can never point at another org's resource.
    unique('resources_org_id_id_unique').on(t.orgId, t.id),
    index('resources_org_type_idx').on(t.orgId, t.type),
    check('resources_type_check', sql`${t.type} in ('space', 'equipment', 'person', 'other')`),
    check('resources_capacity_check', sql`${t.capacity} >= 1`),
    check('resources_visit_minutes_check', sql`${t.visitMinutes} is null or ${t.visitMinutes} between 5 and 1440`),
    check('resources_buffer_minutes_check', sql`${t.bufferMinutes} between 0 and 1440`),
    check('resources_min_notice_minutes_check', sql`${t.minNoticeMinutes} >= 0`),
  ],
);
