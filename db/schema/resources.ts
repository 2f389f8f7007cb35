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
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    type: text('type', { enum: RESOURCE_TYPES }).notNull(),
    capacity: integer('capacity').notNull().default(1),
    timeZone: text('time_zone').notNull().default('America/New_York'),
    isBookable: boolean('is_bookable').notNull().default(true),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    availabilityRules: jsonb('availability_rules').$type<AvailabilityRules>().notNull().default({}),
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
  ],
);
