import type { Actor } from '../../core/actor';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditLog, integrationOutbox } from '../schema/index';
import type { OutboxEvent } from './outbox';

export interface AuditEntry {
  orgId: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Written inside the caller's transaction, so a change and its audit row stand or fall together. */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: entry.orgId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}

/**
 * A change, its audit row and its outbox event in one statement (data-modifying CTEs, all or
 * nothing): `change` is the write itself (e.g. the booking's insert), when the caller knows every
 * value it writes. A booking request is a handful of round trips, and this saves two of them.
 */
export async function recordChange(tx: Executor, entry: AuditEntry, event?: OutboxEvent, change?: SQL): Promise<void> {
  if (!event && !change) return recordAudit(tx, entry);
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const audit = sql`
    insert into ${auditLog} (org_id, actor_type, actor_id, action, entity_type, entity_id, before, after, reason)
    values (${entry.orgId}, ${entry.actor.type}, ${entry.actor.id}, ${entry.action}, ${entry.entityType}, ${entry.entityId},
            ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${entry.reason ?? null})`;
  const outbox = event
    ? sql`
    insert into ${integrationOutbox} (org_id, topic, payload, deliver_after)
    values (${event.orgId}, ${event.topic}, ${JSON.stringify(event.payload)}::jsonb, coalesce(${event.deliverAfter?.toISOString() ?? null}::timestamptz, now()))`
    : undefined;
  const before = [change ? sql`change as (${change})` : undefined, outbox ? sql`audit as (${audit})` : undefined].filter((part) => part !== undefined);
  await tx.execute(sql`with ${sql.join(before, sql`, `)} ${outbox ?? audit}`);
}
