import { and, asc, eq, gt, inArray, isNotNull, lte } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../../core/actor';
import { offerExpiry } from '../../../core/workshops/policy';
import type { Database, Transaction } from '../../client';
import { bookings, workshopRegistrations, workshopSessions, workshops } from '../../schema/index';
import { recordAudit } from '../audit';
import { enqueueRegistrationEvent, offerUrl, type Registration } from './registration-events';
import { hashToken, newToken } from '../accounts/auth-sessions';
import { closeWaitlistGap, endOffer } from './waitlist-rows';
import { lockSessions, seatCounts, upcomingSessionIds, type SessionFacts } from '../workshops/workshop-sessions';

/**
 * The waitlist of a workshop booked as a whole series (ADR 021). A group waits with one row on each
 * session's waitlist; it is offered the series only when every one of its sessions still to come
 * has a seat, and then holds a seat in each (one offer link, on its earliest row) until it accepts,
 * declines or the offer lapses. Everything here runs with every upcoming session of the workshop
 * locked (`lockSeriesSessions`, in id order), so it never waits for a lock while holding another
 * out of order.
 */

/** Every session of the workshop still to come, and those in `alsoIds`, locked in id order. */
export async function lockSeriesSessions(
  tx: Transaction,
  orgId: string,
  workshopId: string,
  now: Date,
  alsoIds: string[] = [],
): Promise<SessionFacts[]> {
  const upcoming = await upcomingSessionIds(tx, orgId, workshopId, now);
  return lockSessions(tx, orgId, [...upcoming, ...alsoIds]);
}

const isUpcoming = (session: SessionFacts, now: Date) =>
  session.bookingStatus === 'confirmed' && session.startsAt > now;

/** The group at the head of the series waitlist: first on the waitlist of the earliest session that has one. */
async function nextWaitingGroup(tx: Transaction, sessionIds: string[]): Promise<string | undefined> {
  const [head] = await tx
    .select({ groupId: workshopRegistrations.seriesGroupId })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .where(
      and(
        inArray(workshopRegistrations.sessionId, sessionIds),
        eq(workshopRegistrations.status, 'waitlisted'),
        isNotNull(workshopRegistrations.seriesGroupId),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(workshopRegistrations.waitlistPosition))
    .limit(1);
  return head?.groupId ?? undefined;
}

/**
 * Offers the series to waiting groups, in order, while each next group finds a seat in every one of
 * its sessions still to come. The head of the queue is never skipped for a smaller group behind it.
 * Call with `locked` from lockSeriesSessions in this transaction. Returns how many groups were offered.
 */
export async function offerSeriesSeats(
  tx: Transaction,
  locked: SessionFacts[],
  now: Date,
  baseUrl: string,
): Promise<number> {
  const upcoming = locked.filter((s) => isUpcoming(s, now));
  if (upcoming.length === 0) return 0;
  const byId = new Map(upcoming.map((s) => [s.id, s]));
  let offered = 0;
  for (;;) {
    const groupId = await nextWaitingGroup(tx, [...byId.keys()]);
    if (!groupId) return offered;
    const rows = await tx
      .select()
      .from(workshopRegistrations)
      .where(
        and(
          eq(workshopRegistrations.seriesGroupId, groupId),
          eq(workshopRegistrations.status, 'waitlisted'),
          inArray(workshopRegistrations.sessionId, [...byId.keys()]),
        ),
      )
      .for('update');
    const counts = await seatCounts(
      tx,
      rows.map((r) => r.sessionId!),
    );
    if (rows.some((r) => counts.get(r.sessionId!)!.taken >= byId.get(r.sessionId!)!.capacity)) return offered;
    rows.sort((a, b) => byId.get(a.sessionId!)!.startsAt.getTime() - byId.get(b.sessionId!)!.startsAt.getTime());
    const first = byId.get(rows[0].sessionId!)!;
    // The offer lasts as long as the earliest session allows: it must be answered before that one starts.
    const expiresAt = offerExpiry(now, first.startsAt, first.offerHours);
    const token = newToken();
    let linkRow: Registration | undefined;
    for (const row of rows) {
      const [after] = await tx
        .update(workshopRegistrations)
        .set({
          status: 'offered',
          waitlistPosition: null,
          offerExpiresAt: expiresAt,
          offerTokenHash: row === rows[0] ? hashToken(token) : null,
        })
        .where(eq(workshopRegistrations.id, row.id))
        .returning();
      await closeWaitlistGap(tx, row.sessionId!, row.waitlistPosition ?? 0);
      linkRow ??= after;
    }
    await recordAudit(tx, {
      orgId: first.orgId,
      actor: SYSTEM_ACTOR,
      action: 'registration.offered',
      entityType: 'workshop_registration',
      entityId: linkRow!.id,
      before: { status: 'waitlisted', seriesGroupId: groupId },
      after: { status: 'offered', offerExpiresAt: expiresAt, sessions: rows.length },
    });
    // One email for the whole series, carrying the one link that answers it.
    await enqueueRegistrationEvent(
      tx,
      'registration.offered',
      linkRow!,
      first,
      offerUrl(baseUrl, first.orgSlug, token),
    );
    offered++;
  }
}

/** The offered rows of a group, locked, with their sessions (which the caller holds locked). */
async function offeredRowsOf(tx: Transaction, groupId: string, locked: SessionFacts[]) {
  const rows = await tx
    .select()
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.seriesGroupId, groupId), eq(workshopRegistrations.status, 'offered')))
    .for('update');
  const byId = new Map(locked.map((s) => [s.id, s]));
  return rows.filter((r) => byId.has(r.sessionId!)).map((row) => ({ row, session: byId.get(row.sessionId!)! }));
}

/** The group takes every offered seat of its series: registered in each session, each with its own invite. */
export async function acceptSeriesOffer(
  tx: Transaction,
  groupId: string,
  locked: SessionFacts[],
): Promise<Registration[]> {
  const promoted: Registration[] = [];
  for (const { row, session } of await offeredRowsOf(tx, groupId, locked)) {
    const [after] = await tx
      .update(workshopRegistrations)
      .set({ status: 'registered', offerExpiresAt: null, offerTokenHash: null })
      .where(eq(workshopRegistrations.id, row.id))
      .returning();
    await recordAudit(tx, {
      orgId: session.orgId,
      actor: { type: 'user', id: row.userId, role: 'resident' },
      action: 'registration.promoted',
      entityType: 'workshop_registration',
      entityId: row.id,
      before: { status: 'offered' },
      after: { status: 'registered', seriesGroupId: groupId },
    });
    await enqueueRegistrationEvent(tx, 'registration.promoted', after, session);
    promoted.push(after);
  }
  return promoted;
}

/** A series offer declined or lapsed: every seat it held is given back, then offered to the next group. */
export async function endSeriesOffer(
  tx: Transaction,
  groupId: string,
  locked: SessionFacts[],
  now: Date,
  why: 'declined' | 'lapsed',
  baseUrl: string,
): Promise<Registration[]> {
  const ended: Registration[] = [];
  for (const { row, session } of await offeredRowsOf(tx, groupId, locked))
    ended.push(await endOffer(tx, row, session, now, why));
  await offerSeriesSeats(tx, locked, now, baseUrl);
  return ended;
}

/** The worker's sweep: series offers that lapsed by `now` pass to the next group. One transaction per group. */
export async function expireSeriesOffers(db: Database, now: Date, baseUrl: string): Promise<number> {
  const due = await db
    .selectDistinct({
      orgId: workshopRegistrations.orgId,
      workshopId: workshopRegistrations.workshopId,
      groupId: workshopRegistrations.seriesGroupId,
    })
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.status, 'offered'),
        isNotNull(workshopRegistrations.seriesGroupId),
        lte(workshopRegistrations.offerExpiresAt, now),
      ),
    );
  let lapsed = 0;
  for (const { orgId, workshopId, groupId } of due) {
    lapsed += await db.transaction(async (tx) => {
      const locked = await lockSeriesSessions(tx, orgId, workshopId, now, await sessionIdsOfGroup(tx, groupId!));
      // Read again under the locks: the group may have accepted in the meantime.
      const stillDue = (await offeredRowsOf(tx, groupId!, locked)).some(({ row }) => row.offerExpiresAt! <= now);
      return stillDue ? (await endSeriesOffer(tx, groupId!, locked, now, 'lapsed', baseUrl), 1) : 0;
    });
  }
  return lapsed;
}

/**
 * The worker's sweep for seats that freed up without a series cancellation (a per-session place given
 * up, more seats, a session removed): every series workshop with a group waiting gets its turn.
 */
export async function offerFreedSeriesSeats(db: Database, now: Date, baseUrl: string): Promise<number> {
  const waiting = await db
    .selectDistinct({ orgId: workshopRegistrations.orgId, workshopId: workshopRegistrations.workshopId })
    .from(workshopRegistrations)
    .innerJoin(workshops, eq(workshops.id, workshopRegistrations.workshopId))
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .where(
      and(
        eq(workshopRegistrations.status, 'waitlisted'),
        isNotNull(workshopRegistrations.seriesGroupId),
        isNotNull(workshops.publishedAt),
        eq(bookings.status, 'confirmed'),
        gt(bookings.startsAt, now),
      ),
    );
  let offered = 0;
  for (const { orgId, workshopId } of waiting) {
    offered += await db.transaction(async (tx) =>
      offerSeriesSeats(tx, await lockSeriesSessions(tx, orgId, workshopId, now), now, baseUrl),
    );
  }
  return offered;
}

export async function sessionIdsOfGroup(tx: Transaction, groupId: string): Promise<string[]> {
  const rows = await tx
    .select({ sessionId: workshopRegistrations.sessionId })
    .from(workshopRegistrations)
    .where(eq(workshopRegistrations.seriesGroupId, groupId));
  return rows.flatMap((r) => (r.sessionId ? [r.sessionId] : []));
}
