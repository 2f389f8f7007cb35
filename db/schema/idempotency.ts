import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { organizations } from './organizations';

/**
 * The first answer to a request sent with an Idempotency-Key (ADR 026), written in the transaction
 * that did the work: a retry of the same request gets it again instead of doing the work twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Whose key it is within the organization: an API key's id, or "public" for callers without one. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** A hash of the method, path and body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
