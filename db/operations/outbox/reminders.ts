import { and, eq, like, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { bookings, integrationOutbox, resources, users } from '../../schema/index';

/**
 * Reminders are outbox rows waiting for their `deliver_after`, named by a dedupe key. Scheduling the
 * same key again moves the waiting row (the booking moved); dropping deletes it (cancelled).
 */
export async function scheduleReminder(
  db: Executor,
  input: { orgId: string; key: string; topic: string; payload: Record<string, unknown>; deliverAfter: Date },
): Promise<void> {
  await db.execute(sql`
    insert into integration_outbox (org_id, topic, payload, deliver_after, dedupe_key)
    values (${input.orgId}, ${input.topic}, ${JSON.stringify(input.payload)}::jsonb, ${input.deliverAfter.toISOString()}::timestamptz, ${input.key})
    on conflict (dedupe_key) where dedupe_key is not null and delivered_at is null and dead_at is null
    do update set deliver_after = excluded.deliver_after, payload = excluded.payload, retry_count = 0, last_error = null`);
}

/** Drops waiting reminders whose key is `key`, or starts with it when `prefix` is set. Claimed rows are left to settle. */
export async function dropReminders(db: Executor, key: string, options: { prefix?: boolean } = {}): Promise<number> {
  const match = options.prefix
    ? like(integrationOutbox.dedupeKey, `${key.replace(/[\\%_]/g, '\\$&')}%`)
    : eq(integrationOutbox.dedupeKey, key);
  const dropped = await db
    .delete(integrationOutbox)
    .where(
      and(
        match,
        sql`${integrationOutbox.deliveredAt} is null and ${integrationOutbox.deadAt} is null and ${integrationOutbox.claimedBy} is null`,
      ),
    )
    .returning({ id: integrationOutbox.id });
  return dropped.length;
}

/** The booking as it is now, with its resource and the person who made it: a reminder is built from this, not from an old payload. */
export async function findBookingForReminder(db: Executor, orgId: string, bookingId: string) {
  const [row] = await db
    .select({ booking: bookings, resource: resources, creatorEmail: users.email, creatorName: users.name })
    .from(bookings)
    .innerJoin(resources, and(eq(resources.orgId, bookings.orgId), eq(resources.id, bookings.resourceId)))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(and(eq(bookings.orgId, orgId), eq(bookings.id, bookingId)))
    .limit(1);
  return row;
}

export async function findUserContact(
  db: Executor,
  userId: string,
): Promise<{ email: string; name: string } | undefined> {
  const [row] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}
