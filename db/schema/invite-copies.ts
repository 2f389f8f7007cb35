import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * What each person holds of each calendar event (ADR 030): the last SEQUENCE and METHOD we sent them
 * for a UID (or the tentative event they downloaded). Every later copy carries a higher SEQUENCE, and
 * a CANCEL goes only to someone who holds a REQUEST or a download.
 */
export const inviteCopies = pgTable(
  'invite_copies',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    uid: text('uid').notNull(),
    /** Lower-cased address. */
    email: text('email').notNull(),
    sequence: integer('sequence').notNull(),
    /** REQUEST or CANCEL sent by email; PUBLISH for a download of an event awaiting approval. */
    method: text('method').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /**
     * When the outbox event behind the last copy was written: the relay delivers in parallel, so an
     * older event arriving late must not overwrite a newer one (a REQUEST after the CANCEL).
     */
    eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.uid, t.email] }),
    check('invite_copies_method_check', sql`${t.method} in ('REQUEST', 'CANCEL', 'PUBLISH')`),
  ],
);
