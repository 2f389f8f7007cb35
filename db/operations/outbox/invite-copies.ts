import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { calendarFeeds, inviteCopies, users } from '../../schema/index';

export type InviteCopy = typeof inviteCopies.$inferSelect;

interface CopyKey {
  orgId: string;
  uid: string;
  email: string;
}

const keyOf = (key: CopyKey) =>
  and(
    eq(inviteCopies.orgId, key.orgId),
    eq(inviteCopies.uid, key.uid),
    eq(inviteCopies.email, key.email.toLowerCase()),
  );

/** What this person holds of this event, if we ever sent (or let them download) a copy. */
export async function findInviteCopy(db: Executor, key: CopyKey): Promise<InviteCopy | undefined> {
  const [copy] = await db.select().from(inviteCopies).where(keyOf(key));
  return copy;
}

/**
 * The SEQUENCE of the copy about to be sent: the event's own, unless this person already holds that
 * or more, then one above what they hold. Recorded with its METHOD in the same statement, so two
 * copies for one person never share a number (ADR 030). Undefined when a newer event already
 * reached this person: this older one, delivered late, must carry no invite.
 */
export async function claimInviteSequence(
  db: Executor,
  input: CopyKey & { eventSequence: number; method: 'REQUEST' | 'CANCEL'; eventAt: Date; now: Date },
): Promise<number | undefined> {
  const [copy] = await db
    .insert(inviteCopies)
    .values({
      orgId: input.orgId,
      uid: input.uid,
      email: input.email.toLowerCase(),
      sequence: input.eventSequence,
      method: input.method,
      sentAt: input.now,
      eventAt: input.eventAt,
    })
    .onConflictDoUpdate({
      target: [inviteCopies.orgId, inviteCopies.uid, inviteCopies.email],
      set: {
        sequence: sql`greatest(${inviteCopies.sequence} + 1, excluded.sequence)`,
        method: sql`excluded.method`,
        sentAt: sql`excluded.sent_at`,
        eventAt: sql`excluded.event_at`,
      },
      setWhere: sql`excluded.event_at >= ${inviteCopies.eventAt}`,
    })
    .returning({ sequence: inviteCopies.sequence });
  return copy?.sequence;
}

/**
 * A cancellation for someone who holds nothing (the waitlisted): no CANCEL is sent, but its time is
 * kept, so the REQUEST it supersedes cannot arrive afterwards and put the event in their calendar.
 */
export async function noteCancelWithoutCopy(
  db: Executor,
  input: CopyKey & { eventSequence: number; eventAt: Date; now: Date },
): Promise<void> {
  await db
    .insert(inviteCopies)
    .values({
      orgId: input.orgId,
      uid: input.uid,
      email: input.email.toLowerCase(),
      sequence: input.eventSequence,
      method: 'CANCEL',
      sentAt: input.now,
      eventAt: input.eventAt,
    })
    .onConflictDoUpdate({
      target: [inviteCopies.orgId, inviteCopies.uid, inviteCopies.email],
      set: { eventAt: sql`greatest(${inviteCopies.eventAt}, excluded.event_at)` },
    });
}

/**
 * A download of an event awaiting approval: noted, so a decline can remove it with a CANCEL. The
 * download carries the SEQUENCE returned, never lower than anything emailed to the person.
 */
export async function noteDownloadedCopy(
  db: Executor,
  input: CopyKey & { eventSequence: number; now: Date },
): Promise<number> {
  const [copy] = await db
    .insert(inviteCopies)
    .values({
      orgId: input.orgId,
      uid: input.uid,
      email: input.email.toLowerCase(),
      sequence: input.eventSequence,
      method: 'PUBLISH',
      sentAt: input.now,
      // A download orders nothing: any event, however old, may still update or cancel it.
      eventAt: new Date(0),
    })
    .onConflictDoUpdate({
      target: [inviteCopies.orgId, inviteCopies.uid, inviteCopies.email],
      // A REQUEST already held stays the record: the download is the same event.
      set: {
        sequence: sql`greatest(${inviteCopies.sequence}, excluded.sequence)`,
        method: sql`case when ${inviteCopies.method} = 'REQUEST' then 'REQUEST' else 'PUBLISH' end`,
        sentAt: sql`excluded.sent_at`,
      },
    })
    .returning({ sequence: inviteCopies.sequence });
  return copy.sequence;
}

/** The highest SEQUENCE this person was sent per UID, so their feed and downloads never go below it. */
export async function sequencesSentTo(
  db: Executor,
  input: { orgId: string; email: string; uids: string[] },
): Promise<Map<string, number>> {
  if (input.uids.length === 0) return new Map();
  const rows = await db
    .select({ uid: inviteCopies.uid, sequence: inviteCopies.sequence })
    .from(inviteCopies)
    .where(
      and(
        eq(inviteCopies.orgId, input.orgId),
        eq(inviteCopies.email, input.email.toLowerCase()),
        inArray(inviteCopies.uid, input.uids),
      ),
    );
  return new Map(rows.map((row) => [row.uid, row.sequence]));
}

/** True when the person behind this address chose their subscribed feed over emailed invites. */
export async function prefersFeedOverInvites(db: Executor, orgId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: calendarFeeds.id })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(
        eq(calendarFeeds.orgId, orgId),
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        sql`${calendarFeeds.resourceId} is null`,
        sql`${calendarFeeds.revokedAt} is null`,
        eq(calendarFeeds.replacesInvites, true),
      ),
    )
    .limit(1);
  return row !== undefined;
}
