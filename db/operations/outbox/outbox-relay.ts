import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { integrationOutbox } from '../../schema/index';

export type OutboxRow = typeof integrationOutbox.$inferSelect;

/**
 * The relay's lanes, claimed and run apart: `mail` is what only sends email (sign-in links, resets,
 * invitations, reminders), `events` is what other systems hear of (bookings, registrations, sessions:
 * their emails and webhooks). Mail never waits behind a webhook.
 */
export type OutboxLane = 'mail' | 'events';

/** The topics other systems may hear of; the same test as the webhooks' (workers/webhooks.ts). */
const EVENT_TOPICS = sql.raw(`'^(booking|registration|session)\\.'`);

/**
 * Claims up to `limit` due rows of `lane` for `workerId` until `now + leaseMs`. SKIP LOCKED lets any
 * number of relays claim side by side without waiting on each other; an expired lease (a relay that
 * died) makes the row claimable again. Organizations take turns: each one's oldest row first, then
 * each one's second, so one organization's backlog never holds up another's events.
 */
export async function claimDueEvents(
  db: Executor,
  options: { workerId: string; limit: number; now: Date; leaseMs: number; lane?: OutboxLane },
): Promise<OutboxRow[]> {
  const now = options.now.toISOString();
  const until = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const inLane =
    options.lane === 'mail'
      ? sql`o.topic !~ ${EVENT_TOPICS}`
      : options.lane === 'events'
        ? sql`o.topic ~ ${EVENT_TOPICS}`
        : sql`true`;
  const due = sql`o.delivered_at is null and o.dead_at is null
        and o.deliver_after <= ${now}::timestamptz
        and (o.claimed_until is null or o.claimed_until < ${now}::timestamptz)
        and ${inLane}`;
  const result = await db.execute(sql`
    with orgless as (
      select o.id, o.org_id, o.deliver_after from integration_outbox o
      where o.org_id is null and ${due}
      order by o.deliver_after
      limit ${options.limit}
      for update skip locked
    ), per_org as (
      select c.id, c.org_id, c.deliver_after from organizations org
      cross join lateral (
        select o.id, o.org_id, o.deliver_after from integration_outbox o
        where o.org_id = org.id and ${due}
        order by o.deliver_after
        limit ${options.limit}
        for update skip locked
      ) c
    ), picked as (
      select id from (
        select id, deliver_after, row_number() over (partition by org_id order by deliver_after) as turn
        from (select * from orgless union all select * from per_org) candidates
      ) ranked
      order by turn, deliver_after
      limit ${options.limit}
    )
    update integration_outbox o
    set claimed_by = ${options.workerId}, claimed_until = ${until}::timestamptz
    from picked where o.id = picked.id
    returning o.id, o.org_id, o.topic, o.payload, o.deliver_after, o.retry_count, o.created_at`);
  return result.rows.map((row) => ({
    id: row.id as string,
    orgId: (row.org_id as string | null) ?? null, // null for account emails
    topic: row.topic as string,
    payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>,
    deliverAfter: new Date(row.deliver_after as string),
    retryCount: Number(row.retry_count),
    createdAt: new Date(row.created_at as string),
    deliveredAt: null,
    lastError: null,
    dedupeKey: null,
    claimedBy: options.workerId,
    claimedUntil: new Date(until),
    deadAt: null,
  }));
}

/** Only the holder of the claim may settle a row: a relay whose lease ran out changes nothing. */
const heldBy = (id: string, workerId: string) =>
  and(eq(integrationOutbox.id, id), eq(integrationOutbox.claimedBy, workerId));

/** Settles many delivered rows in one statement (the relay batches them). */
export async function markDelivered(db: Executor, ids: string[], workerId: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(integrationOutbox)
    .set({ deliveredAt: now, claimedBy: null, claimedUntil: null })
    .where(and(inArray(integrationOutbox.id, ids), eq(integrationOutbox.claimedBy, workerId)));
}

/** A failed attempt: try again at `retryAt`, or dead-letter it (`dead`); last_error is kept either way. */
export async function markFailed(
  db: Executor,
  id: string,
  workerId: string,
  failure: { error: string; retryAt: Date; dead: boolean; now: Date },
): Promise<void> {
  await db
    .update(integrationOutbox)
    .set({
      retryCount: sql`${integrationOutbox.retryCount} + 1`,
      lastError: failure.error.slice(0, 2000),
      deliverAfter: failure.retryAt,
      deadAt: failure.dead ? failure.now : null,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(heldBy(id, workerId));
}

/** Nothing was tried (a busy receiver): the row waits until `until` without counting an attempt. */
export async function deferClaimed(db: Executor, id: string, workerId: string, until: Date): Promise<void> {
  await db
    .update(integrationOutbox)
    .set({ deliverAfter: until, claimedBy: null, claimedUntil: null })
    .where(heldBy(id, workerId));
}

/** On a graceful stop: what this relay claimed but did not settle is free for the others at once. */
export async function releaseClaims(db: Executor, workerId: string): Promise<number> {
  const released = await db
    .update(integrationOutbox)
    .set({ claimedBy: null, claimedUntil: null })
    .where(and(eq(integrationOutbox.claimedBy, workerId), isNull(integrationOutbox.deliveredAt)))
    .returning({ id: integrationOutbox.id });
  return released.length;
}

/** Delivered rows are kept for a while (the admin page, debugging), then removed. */
export async function pruneDelivered(db: Executor, before: Date): Promise<number> {
  const pruned = await db
    .delete(integrationOutbox)
    .where(lt(integrationOutbox.deliveredAt, before))
    .returning({ id: integrationOutbox.id });
  return pruned.length;
}
