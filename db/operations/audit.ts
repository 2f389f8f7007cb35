import type { Actor } from '../../core/actor';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditLog, integrationOutbox } from '../schema/index';
import type { OutboxEvent } from './outbox/outbox';

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
 * The audit row and the outbox event of one change, in one statement (a data-modifying CTE): a
 * booking request is a handful of round trips, and this saves one of them.
 */
export async function recordChange(tx: Executor, entry: AuditEntry, event?: OutboxEvent): Promise<void> {
  if (!event) return recordAudit(tx, entry);
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await tx.execute(sql`
    with audit as (
      insert into ${auditLog} (org_id, actor_type, actor_id, action, entity_type, entity_id, before, after, reason)
      values (${entry.orgId}, ${entry.actor.type}, ${entry.actor.id}, ${entry.action}, ${entry.entityType}, ${entry.entityId},
              ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${entry.reason ?? null})
    )
    insert into ${integrationOutbox} (org_id, topic, payload, deliver_after)
    values (${event.orgId}, ${event.topic}, ${JSON.stringify(event.payload)}::jsonb, coalesce(${event.deliverAfter?.toISOString() ?? null}::timestamptz, now()))`);
}
