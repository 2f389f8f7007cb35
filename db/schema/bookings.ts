import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, id, tstzrange, updatedAt } from './columns';
import { organizations } from './organizations';
import { resources } from './resources';
import { seasons } from './seasons';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'cancelled', 'declined'] as const;
/** Why a booking is pending: a short hold that expires, or a request waiting for staff. */
export const PENDING_REASONS = ['hold', 'approval'] as const;

export const bookings = pgTable(
  'bookings',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('pending'),
    pendingReason: text('pending_reason', { enum: PENDING_REASONS }),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeRange: tstzrange('time_range').generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    /** Calendar SEQUENCE: raised by a trigger whenever time, place, title or status changes. */
    sequence: integer('sequence').notNull().default(0),
    source: text('source').notNull().default('staff'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason'),
    /** Set on bookings a season's publish created: which season and which draft item. */
    seasonId: uuid('season_id').references(() => seasons.id, { onDelete: 'set null' }),
    draftItemId: text('draft_item_id'),
    isPublic: boolean('is_public').notNull().default(false),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'bookings_resource_same_org_fk',
      columns: [t.orgId, t.resourceId],
      foreignColumns: [resources.orgId, resources.id],
    }),
    index('bookings_org_starts_idx').on(t.orgId, t.startsAt),
    index('bookings_resource_starts_idx').on(t.resourceId, t.startsAt),
    uniqueIndex('bookings_season_draft_item_unique')
      .on(t.seasonId, t.draftItemId)
      .where(sql`${t.seasonId} is not null`),
    check('bookings_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
    check('bookings_status_check', sql`${t.status} in ('pending', 'confirmed', 'cancelled', 'declined')`),
    check(
      'bookings_pending_reason_check',
      sql`(${t.status} = 'pending') = (${t.pendingReason} is not null) and (${t.pendingReason} = 'hold') = (${t.holdExpiresAt} is not null)`,
    ),
  ],
);
