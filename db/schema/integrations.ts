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
import { createdAt, id, updatedAt } from './columns';
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
    /**
     * Names a scheduled row (a reminder) so it can be moved or dropped while it waits:
     * at most one undelivered row per key.
     */
    dedupeKey: text('dedupe_key'),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('integration_outbox_due_idx').on(t.deliverAfter).where(sql`${t.deliveredAt} is null and ${t.deadAt} is null`),
    index('integration_outbox_org_topic_idx').on(t.orgId, t.topic),
    index('integration_outbox_due_by_org_idx')
      .on(t.orgId, t.deliverAfter)
      .where(sql`${t.deliveredAt} is null and ${t.deadAt} is null`),
    index('integration_outbox_delivered_idx').on(t.deliveredAt).where(sql`${t.deliveredAt} is not null`),
    uniqueIndex('integration_outbox_pending_dedupe_unique')
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null and ${t.deliveredAt} is null and ${t.deadAt} is null`),
  ],
);

/** One part of a sent message: its content type, file name, and the parts inside it. */
export interface MimeTreeNode {
  contentType: string;
  filename?: string;
  children?: MimeTreeNode[];
}

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
    attachments: jsonb('attachments')
      .$type<{ filename: string; contentType: string; content: string }[]>()
      .notNull()
      .default([]),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    /** A sign-in, reset or invitation link: only its recipient may read it (ADR 023). */
    carriesSecretLink: boolean('carries_secret_link').notNull().default(false),
    /** The message exactly as built for SMTP (and the dev mailbox), and its MIME tree. */
    rawMessage: text('raw_message'),
    mimeTree: jsonb('mime_tree').$type<MimeTreeNode>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_messages_org_created_idx').on(t.orgId, t.createdAt),
    // One email per outbox event and recipient: a redelivered event never mails anyone twice.
    unique('email_messages_outbox_recipient_unique').on(t.outboxId, t.toAddress),
  ],
);

/** Addresses the provider reported as bounced or complaining: no more reminders go to them. */
export const emailSuppressions = pgTable('email_suppressions', {
  address: text('address').primaryKey(),
  reason: text('reason', { enum: ['bounced', 'complained'] }).notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>(),
  createdAt: createdAt(),
});

export const INBOUND_PROVIDERS = ['calcom', 'calendly'] as const;

/** Per-organization signing secrets of inbound webhooks (Cal.com, Calendly). */
export const integrationSecrets = pgTable(
  'integration_secrets',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: INBOUND_PROVIDERS }).notNull(),
    secret: text('secret').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('integration_secrets_org_provider_unique').on(t.orgId, t.provider),
    check('integration_secrets_provider_check', sql`${t.provider} in ('calcom', 'calendly')`),
  ],
);

export const INBOUND_EVENT_STATUSES = ['applied', 'conflict', 'ignored'] as const;

/** Every inbound webhook event accepted, once: replays find it here and change nothing. */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: INBOUND_PROVIDERS }).notNull(),
    eventKey: text('event_key').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status', { enum: INBOUND_EVENT_STATUSES }).notNull(),
    bookingId: uuid('booking_id'),
    detail: text('detail'),
    conflicts: jsonb('conflicts').$type<unknown[]>(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('inbound_events_org_provider_key_unique').on(t.orgId, t.provider, t.eventKey),
    check('inbound_events_status_check', sql`${t.status} in ('applied', 'conflict', 'ignored')`),
  ],
);

/** Outbound webhooks (a CRM, a chat): every event of the listed topics (none listed: all) is POSTed, signed. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});
