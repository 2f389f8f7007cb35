import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, updatedAt } from './columns';
import { organizations } from './organizations';

/** A planning period: its draft lives as Yjs state; publishing turns it into bookings. */
export const seasons = pgTable(
  'seasons',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    draftState: bytea('draft_state'),
    publishedRevision: integer('published_revision').notNull().default(0),
    lastPublishReport: jsonb('last_publish_report').$type<Record<string, unknown>>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('seasons_dates_check', sql`${t.endsOn} >= ${t.startsOn}`)],
);
