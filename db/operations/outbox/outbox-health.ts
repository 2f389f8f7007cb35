import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';

export interface OutboxHealth {
  /** Not delivered, not dead, due now: what the worker should be sending. */
  due: number;
  /** Scheduled for later (reminders, retries waiting out their backoff). */
  scheduled: number;
  dead: number;
  /** How long the oldest due event has waited, in seconds (0 when none is due). */
  oldestDueSeconds: number;
}

/** Across every organization: the figures an operator watches (docs/operations.md, metrics). */
export async function outboxHealth(db: Executor): Promise<OutboxHealth> {
  const result = await db.execute(sql`
    select
      count(*) filter (where dead_at is null and deliver_after <= now())::int as due,
      count(*) filter (where dead_at is null and deliver_after > now())::int as scheduled,
      count(*) filter (where dead_at is not null)::int as dead,
      coalesce(extract(epoch from now() - min(deliver_after) filter (where dead_at is null and deliver_after <= now())), 0)::float8 as oldest
    from integration_outbox where delivered_at is null`);
  const row = result.rows[0] as { due: number; scheduled: number; dead: number; oldest: number };
  return {
    due: Number(row.due),
    scheduled: Number(row.scheduled),
    dead: Number(row.dead),
    oldestDueSeconds: Number(row.oldest),
  };
}
