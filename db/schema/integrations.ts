import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { organizations } from './organizations';

/** Everything that must leave the system, written in the transaction that caused it. */
export const integrationOutbox = pgTable(
  'integration_outbox',
  {
    id: id(),
    /** Null only for account emails (magic link, password reset), which belong to no organization. */
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    deliverAfter: timestamp('deliver_after', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    retryCount: integer('retry_count').notNull().default(0),
    lastError: text('last_error'),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('integration_outbox_due_idx').on(t.deliverAfter).where(sql`${t.deliveredAt} is null and ${t.deadAt} is null`),
    index('integration_outbox_org_topic_idx').on(t.orgId, t.topic),
  ],
);

export const emailMessages = pgTable(
  'email_messages',
  {
    id: id(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    outboxId: uuid('outbox_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<{ filename: string; contentType: string; content: string }[]>().notNull().default([]),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
  },
  (t) => [index('email_messages_org_created_idx').on(t.orgId, t.createdAt)],
);

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});
