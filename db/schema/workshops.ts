import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { bookings } from './bookings';
import { createdAt, id, updatedAt } from './columns';
import { organizations } from './organizations';
import { seasons } from './seasons';

export const REGISTRATION_STATUSES = [
  'registered',
  'waitlisted',
  'offered',
  'cancelled',
  'attended',
  'no_show',
] as const;

export const workshops = pgTable(
  'workshops',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    seasonId: uuid('season_id').references(() => seasons.id, { onDelete: 'set null' }),
    /** The card's key in the season draft this workshop was published from. */
    draftKey: text('draft_key'),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    descriptionHtml: text('description_html').notNull().default(''),
    capacity: integer('capacity').notNull().default(10),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    isPublic: boolean('is_public').notNull().default(false),
    registrationMode: text('registration_mode', { enum: ['per_session', 'series'] })
      .notNull()
      .default('per_session'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('workshops_org_slug_unique').on(t.orgId, t.slug),
    uniqueIndex('workshops_season_draft_key_unique').on(t.seasonId, t.draftKey).where(sql`${t.seasonId} is not null`),
    check('workshops_capacity_check', sql`${t.capacity} >= 0`),
  ],
);

export const workshopSessions = pgTable(
  'workshop_sessions',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id')
      .notNull()
      .unique()
      .references(() => bookings.id),
    /** The session's id in the season draft, so a moved session keeps its identity. */
    draftId: text('draft_id'),
    capacity: integer('capacity'),
    createdAt: createdAt(),
  },
  (t) => [index('workshop_sessions_workshop_idx').on(t.workshopId)],
);

export const workshopRegistrations = pgTable(
  'workshop_registrations',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => workshopSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull().default('registered'),
    waitlistPosition: integer('waitlist_position'),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    manageTokenHash: text('manage_token_hash'),
    /** SHA-256 of the token in the accept link of an open waitlist offer; cleared once used or expired. */
    offerTokenHash: text('offer_token_hash'),
    /** Shared by the registrations of one "whole series" sign-up, so they are cancelled together. */
    seriesGroupId: uuid('series_group_id'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('workshop_registrations_session_status_idx').on(t.sessionId, t.status),
    index('workshop_registrations_series_group_idx').on(t.seriesGroupId).where(sql`${t.seriesGroupId} is not null`),
    uniqueIndex('workshop_registrations_manage_token_unique').on(t.manageTokenHash),
    uniqueIndex('workshop_registrations_offer_token_unique').on(t.offerTokenHash),
    index('workshop_registrations_offer_expiry_idx').on(t.offerExpiresAt).where(sql`${t.status} = 'offered'`),
    uniqueIndex('workshop_registrations_active_unique')
      .on(t.sessionId, sql`lower(${t.email})`)
      .where(sql`${t.status} in ('registered', 'waitlisted', 'offered', 'attended')`),
    check(
      'workshop_registrations_status_check',
      sql`${t.status} in ('registered', 'waitlisted', 'offered', 'cancelled', 'attended', 'no_show')`,
    ),
  ],
);
