import { and, desc, eq, ilike, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import type { Executor } from '../../client';
import { integrationOutbox } from '../../schema/index';

/** pending: never tried; retrying: failed at least once, will try again; dead: gave up; delivered. */
export async function outboxCounts(db: Executor, orgId: string) {
  const result = await db.execute(sql`
    select
      count(*) filter (where delivered_at is null and dead_at is null and retry_count = 0)::int as pending,
      count(*) filter (where delivered_at is null and dead_at is null and retry_count > 0)::int as retrying,
      count(*) filter (where dead_at is not null)::int as dead,
      count(*) filter (where delivered_at is not null)::int as delivered
    from integration_outbox where org_id = ${orgId}`);
  const row = result.rows[0] as { pending: number; retrying: number; dead: number; delivered: number };
  return {
    pending: Number(row.pending),
    retrying: Number(row.retrying),
    dead: Number(row.dead),
    delivered: Number(row.delivered),
  };
}

/** Failed events; `search` is part of the topic or the last error, any case. */
function failed(orgId: string, search?: string) {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    eq(integrationOutbox.orgId, orgId),
    isNull(integrationOutbox.deliveredAt),
    or(isNotNull(integrationOutbox.deadAt), sql`${integrationOutbox.retryCount} > 0`),
    pattern ? or(ilike(integrationOutbox.topic, pattern), ilike(integrationOutbox.lastError, pattern)) : undefined,
  );
}

/** Events that failed at least once and are not delivered: retrying or dead, latest first. */
export function listOutboxFailures(db: Executor, orgId: string, limit: number, offset = 0, search?: string) {
  return db
    .select({
      id: integrationOutbox.id,
      topic: integrationOutbox.topic,
      retryCount: integrationOutbox.retryCount,
      lastError: integrationOutbox.lastError,
      deliverAfter: integrationOutbox.deliverAfter,
      deadAt: integrationOutbox.deadAt,
      createdAt: integrationOutbox.createdAt,
    })
    .from(integrationOutbox)
    .where(failed(orgId, search))
    .orderBy(desc(integrationOutbox.createdAt), desc(integrationOutbox.id))
    .limit(limit)
    .offset(offset);
}

/** How many events `listOutboxFailures` lists on every page. */
export async function countOutboxFailures(db: Executor, orgId: string, search?: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(integrationOutbox)
    .where(failed(orgId, search));
  return row?.count ?? 0;
}

const wake = (db: Executor) => db.execute(sql`select pg_notify('integration_outbox', '')`);

/** Retry one undelivered event now (a dead one comes back to life with a fresh count). */
export async function retryOutboxEvent(db: Executor, orgId: string, id: string, now: Date) {
  const [row] = await db
    .update(integrationOutbox)
    .set({
      deliverAfter: now,
      deadAt: null,
      retryCount: sql`case when ${integrationOutbox.deadAt} is null then ${integrationOutbox.retryCount} else 0 end`,
    })
    .where(and(eq(integrationOutbox.orgId, orgId), eq(integrationOutbox.id, id), isNull(integrationOutbox.deliveredAt)))
    .returning({
      id: integrationOutbox.id,
      topic: integrationOutbox.topic,
      retryCount: integrationOutbox.retryCount,
      lastError: integrationOutbox.lastError,
      deliverAfter: integrationOutbox.deliverAfter,
      deadAt: integrationOutbox.deadAt,
      createdAt: integrationOutbox.createdAt,
    });
  if (!row) {
    const [existing] = await db
      .select({ id: integrationOutbox.id })
      .from(integrationOutbox)
      .where(and(eq(integrationOutbox.orgId, orgId), eq(integrationOutbox.id, id)));
    throw existing
      ? new AppError('invalid_state', 'This event was delivered already')
      : new AppError('not_found', `No outbox event ${id} in this organization`);
  }
  await wake(db);
  return row;
}

/** Every dead event of the organization goes back to pending, with a fresh attempt count. */
export async function redriveDeadEvents(db: Executor, orgId: string, now: Date): Promise<number> {
  const rows = await db
    .update(integrationOutbox)
    .set({ deadAt: null, retryCount: 0, deliverAfter: now })
    .where(
      and(
        eq(integrationOutbox.orgId, orgId),
        isNotNull(integrationOutbox.deadAt),
        isNull(integrationOutbox.deliveredAt),
      ),
    )
    .returning({ id: integrationOutbox.id });
  if (rows.length > 0) await wake(db);
  return rows.length;
}
