import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, id } from './columns';
import { organizations } from './organizations';
import { resources } from './resources';

/**
 * Subscribable calendar feeds behind a secret URL (calendar apps send no cookies). A feed without a
 * resource is its owner's own bookings and registrations; with one, that resource's bookings (staff).
 * Only the token's SHA-256 is stored; revoking sets `revoked_at`.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id').references(() => resources.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** A personal feed's owner chose the feed over emailed invites: their emails carry no new REQUEST (ADR 030). */
    replacesInvites: boolean('replaces_invites').notNull().default(false),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_hash_unique').on(t.tokenHash),
    index('calendar_feeds_org_user_idx').on(t.orgId, t.userId),
    // One live feed per person and scope: a new URL replaces (revokes) the old one.
    uniqueIndex('calendar_feeds_active_unique')
      .on(t.orgId, t.userId, sql`coalesce(${t.resourceId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.revokedAt} is null`),
  ],
);
