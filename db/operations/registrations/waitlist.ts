import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { createTimeFormatter } from '../../../core/time-format';
import { SYSTEM_ACTOR, type Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { offerExpiry } from '../../../core/workshops/policy';
import type { Database, Executor, Transaction } from '../../client';
import { workshopRegistrations } from '../../schema/index';
import { recordAudit } from '../audit';
import { enqueueRegistrationEvent, offerUrl, type Registration } from './registration-events';
import { hashToken, newToken } from '../accounts/auth-sessions';
import {
  acceptSeriesOffer,
  endSeriesOffer,
  expireSeriesOffers,
  lockSeriesSessions,
  sessionIdsOfGroup,
} from './series-waitlist';
import { closeWaitlistGap, endOffer } from './waitlist-rows';
import { lockSession, seatCounts, type SessionFacts } from '../workshops/workshop-sessions';

/**
 * Offers every free seat to the next people on the waitlist, in order. Call with the session locked.
 * Nothing is offered once the session has started or its booking is gone.
 */
export async function offerFreeSeats(
  tx: Transaction,
  session: SessionFacts,
  now: Date,
  baseUrl: string,
): Promise<number> {
  if (session.bookingStatus !== 'confirmed' || session.startsAt <= now) return 0;
  const { taken } = (await seatCounts(tx, [session.id])).get(session.id)!;
  let offered = 0;
  for (let free = session.capacity - taken; free > 0; free--) {
    const [next] = await tx
      .select()
      .from(workshopRegistrations)
      // A group waiting for a whole series takes no single seat (series-waitlist.ts).
      .where(
        and(
          eq(workshopRegistrations.sessionId, session.id),
          eq(workshopRegistrations.status, 'waitlisted'),
          isNull(workshopRegistrations.seriesGroupId),
        ),
      )
      .orderBy(asc(workshopRegistrations.waitlistPosition))
      .limit(1);
    if (!next) break;
    const token = newToken();
    const [after] = await tx
      .update(workshopRegistrations)
      .set({
        status: 'offered',
        waitlistPosition: null,
        offerExpiresAt: offerExpiry(now, session.startsAt, session.offerHours),
        offerTokenHash: hashToken(token),
      })
      .where(eq(workshopRegistrations.id, next.id))
      .returning();
    await closeWaitlistGap(tx, session.id, next.waitlistPosition ?? 0);
    await recordAudit(tx, {
      orgId: session.orgId,
      actor: SYSTEM_ACTOR,
      action: 'registration.offered',
      entityType: 'workshop_registration',
      entityId: next.id,
      before: { status: 'waitlisted', position: next.waitlistPosition },
      after: { status: 'offered', offerExpiresAt: after.offerExpiresAt },
    });
    await enqueueRegistrationEvent(
      tx,
      'registration.offered',
      after,
      session,
      offerUrl(baseUrl, session.orgSlug, token),
    );
    offered++;
  }
  return offered;
}

/** The offer a link stands for, locked: its session, or for a series offer every session of the series. */
async function lockOfferByToken(
  tx: Transaction,
  orgId: string,
  token: string,
  now: Date,
): Promise<{ registration: Registration; session: SessionFacts; series?: SessionFacts[] }> {
  const [found] = await tx
    .select({
      id: workshopRegistrations.id,
      sessionId: workshopRegistrations.sessionId,
      workshopId: workshopRegistrations.workshopId,
      seriesGroupId: workshopRegistrations.seriesGroupId,
    })
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.offerTokenHash, hashToken(token))));
  if (!found?.sessionId)
    throw new AppError('not_found', 'This offer link is not valid any more: the offer was answered or has lapsed.');
  const series = found.seriesGroupId
    ? await lockSeriesSessions(tx, orgId, found.workshopId, now, await sessionIdsOfGroup(tx, found.seriesGroupId))
    : undefined;
  const session = series
    ? series.find((s) => s.id === found.sessionId)!
    : await lockSession(tx, orgId, found.sessionId);
  const [registration] = await tx
    .select()
    .from(workshopRegistrations)
    .where(eq(workshopRegistrations.id, found.id))
    .for('update');
  return { registration, session, series };
}

/** Looks at an offer without answering it (the offer page). */
export async function findOffer(db: Executor, orgId: string, token: string): Promise<Registration | undefined> {
  const [row] = await db
    .select()
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.orgId, orgId),
        eq(workshopRegistrations.offerTokenHash, hashToken(token)),
        eq(workshopRegistrations.status, 'offered'),
      ),
    );
  return row;
}

/** The person on the waitlist takes the offered seat: registered, before the offer lapses. */
export async function acceptOffer(
  db: Database,
  input: { orgId: string; token: string; now?: Date },
): Promise<Registration> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration, session, series } = await lockOfferByToken(tx, input.orgId, input.token, now);
    if (registration.status !== 'offered')
      throw new AppError('invalid_state', `This offer was already answered (${registration.status})`);
    if (registration.offerExpiresAt! <= now) {
      throw new AppError(
        'invalid_state',
        `This offer lapsed ${createTimeFormatter(session.timeFormat).long(registration.offerExpiresAt!)}; the seat went to the next person`,
      );
    }
    if (series)
      return (await acceptSeriesOffer(tx, registration.seriesGroupId!, series)).find((r) => r.id === registration.id)!;
    const [after] = await tx
      .update(workshopRegistrations)
      .set({ status: 'registered', offerExpiresAt: null, offerTokenHash: null })
      .where(eq(workshopRegistrations.id, registration.id))
      .returning();
    const actor: Actor = { type: 'user', id: registration.userId, role: 'resident' };
    await recordAudit(tx, {
      orgId: input.orgId,
      actor,
      action: 'registration.promoted',
      entityType: 'workshop_registration',
      entityId: registration.id,
      before: { status: 'offered' },
      after: { status: 'registered' },
    });
    await enqueueRegistrationEvent(tx, 'registration.promoted', after, session);
    return after;
  });
}

/** Gives up an offered seat, which goes to the next person at once. */
export async function declineOffer(
  db: Database,
  input: { orgId: string; token: string; baseUrl: string; now?: Date },
): Promise<Registration> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration, session, series } = await lockOfferByToken(tx, input.orgId, input.token, now);
    if (registration.status !== 'offered')
      throw new AppError('invalid_state', `This offer was already answered (${registration.status})`);
    if (series) {
      const ended = await endSeriesOffer(tx, registration.seriesGroupId!, series, now, 'declined', input.baseUrl);
      return ended.find((r) => r.id === registration.id)!;
    }
    const after = await endOffer(tx, registration, session, now, 'declined');
    await offerFreeSeats(tx, session, now, input.baseUrl);
    return after;
  });
}

/**
 * The worker's sweep: offers that lapsed by `now` are withdrawn and their seats offered to the next
 * people. One transaction per session, each under the session's lock (series offers: one per group,
 * series-waitlist.ts). Returns how many lapsed.
 */
export async function expireOffers(db: Database, now: Date, baseUrl: string): Promise<number> {
  const due = await db
    .selectDistinct({ orgId: workshopRegistrations.orgId, sessionId: workshopRegistrations.sessionId })
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.status, 'offered'),
        isNull(workshopRegistrations.seriesGroupId),
        lte(workshopRegistrations.offerExpiresAt, now),
      ),
    );
  let lapsed = await expireSeriesOffers(db, now, baseUrl);
  for (const { orgId, sessionId } of due) {
    lapsed += await db.transaction(async (tx) => {
      const session = await lockSession(tx, orgId, sessionId!);
      const expired = await tx
        .select()
        .from(workshopRegistrations)
        .where(
          and(
            eq(workshopRegistrations.sessionId, sessionId!),
            eq(workshopRegistrations.status, 'offered'),
            isNull(workshopRegistrations.seriesGroupId),
            lte(workshopRegistrations.offerExpiresAt, now),
          ),
        )
        .for('update');
      for (const registration of expired) await endOffer(tx, registration, session, now, 'lapsed');
      await offerFreeSeats(tx, session, now, baseUrl);
      return expired.length;
    });
  }
  return lapsed;
}

/** Moves one row to `position` (clamped) on its session's waitlist, renumbering the others; returns where it went. */
async function reorderWaitlist(
  tx: Transaction,
  sessionId: string,
  targetId: string,
  position: number,
): Promise<number | undefined> {
  const waitlist = await tx
    .select()
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.sessionId, sessionId), eq(workshopRegistrations.status, 'waitlisted')))
    .orderBy(asc(workshopRegistrations.waitlistPosition))
    .for('update');
  const target = waitlist.find((r) => r.id === targetId);
  if (!target) return undefined;
  const order = waitlist.filter((r) => r.id !== targetId);
  const to = Math.min(Math.max(position, 1), waitlist.length) - 1;
  order.splice(to, 0, target);
  const changed = order.flatMap((r, index) =>
    r.waitlistPosition === index + 1 ? [] : [{ id: r.id, position: index + 1 }],
  );
  for (const change of changed) {
    await tx
      .update(workshopRegistrations)
      .set({ waitlistPosition: change.position })
      .where(eq(workshopRegistrations.id, change.id));
  }
  return to + 1;
}

/** What moves with a row: its series group's waiting rows (every session locked), else the row alone. */
async function lockRowsMovingWith(tx: Transaction, target: Registration, now: Date): Promise<Registration[]> {
  if (!target.seriesGroupId) {
    await lockSession(tx, target.orgId, target.sessionId!);
    return [target];
  }
  await lockSeriesSessions(tx, target.orgId, target.workshopId, now, await sessionIdsOfGroup(tx, target.seriesGroupId));
  return tx
    .select()
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.seriesGroupId, target.seriesGroupId),
        eq(workshopRegistrations.status, 'waitlisted'),
      ),
    );
}

/**
 * Staff move someone on the waitlist to `position` (clamped to the list), saying why; audited. A
 * group waiting for a whole series moves to that place on the waitlist of each of its sessions.
 * Returns the target session's waitlist in its new order.
 */
export async function moveOnWaitlist(
  db: Database,
  input: { orgId: string; actor: Actor; registrationId: string; position: number; reason: string; now?: Date },
): Promise<Registration[]> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.orgId, input.orgId), eq(workshopRegistrations.id, input.registrationId)));
    if (!target?.sessionId)
      throw new AppError('not_found', `No registration ${input.registrationId} in this organization`);
    const group = await lockRowsMovingWith(tx, target, now);
    const to = await reorderWaitlist(tx, target.sessionId, target.id, input.position);
    if (to === undefined)
      throw new AppError(
        'invalid_state',
        `registrationId: this registration is ${target.status}, not on the waitlist`,
        { fields: { registrationId: ['is not on the waitlist'] } },
      );
    for (const row of group)
      if (row.id !== target.id) await reorderWaitlist(tx, row.sessionId!, row.id, input.position);
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'registration.waitlist_moved',
      entityType: 'workshop_registration',
      entityId: target.id,
      before: { position: target.waitlistPosition },
      after: { position: to, ...(target.seriesGroupId ? { seriesGroupId: target.seriesGroupId } : {}) },
      reason: input.reason,
    });
    return tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.sessionId, target.sessionId), eq(workshopRegistrations.status, 'waitlisted')))
      .orderBy(asc(workshopRegistrations.waitlistPosition));
  });
}
