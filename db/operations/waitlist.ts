import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR, type Actor } from '../../core/actor';
import { AppError } from '../../core/errors';
import { offerExpiry } from '../../core/workshops/policy';
import type { Database, Executor, Transaction } from '../client';
import { workshopRegistrations } from '../schema/index';
import { recordAudit } from './audit';
import { enqueueRegistrationEvent, offerUrl, type Registration } from './registration-events';
import { hashToken, newToken } from './sessions';
import { lockSession, seatCounts, type SessionFacts } from './workshop-sessions';

/** Closes the gap a waitlisted person leaves behind, so positions stay 1..n. */
export async function closeWaitlistGap(tx: Transaction, sessionId: string, leftPosition: number): Promise<void> {
  await tx
    .update(workshopRegistrations)
    .set({ waitlistPosition: sql`${workshopRegistrations.waitlistPosition} - 1` })
    .where(and(eq(workshopRegistrations.sessionId, sessionId), eq(workshopRegistrations.status, 'waitlisted'), gt(workshopRegistrations.waitlistPosition, leftPosition)));
}

/**
 * Offers every free seat to the next people on the waitlist, in order. Call with the session locked.
 * Nothing is offered once the session has started or its booking is gone.
 */
export async function offerFreeSeats(tx: Transaction, session: SessionFacts, now: Date, baseUrl: string): Promise<number> {
  if (session.bookingStatus !== 'confirmed' || session.startsAt <= now) return 0;
  const { taken } = (await seatCounts(tx, [session.id])).get(session.id)!;
  let offered = 0;
  for (let free = session.capacity - taken; free > 0; free--) {
    const [next] = await tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.sessionId, session.id), eq(workshopRegistrations.status, 'waitlisted')))
      .orderBy(asc(workshopRegistrations.waitlistPosition))
      .limit(1);
    if (!next) break;
    const token = newToken();
    const [after] = await tx
      .update(workshopRegistrations)
      .set({ status: 'offered', waitlistPosition: null, offerExpiresAt: offerExpiry(now, session.startsAt, session.offerHours), offerTokenHash: hashToken(token) })
      .where(eq(workshopRegistrations.id, next.id))
      .returning();
    await closeWaitlistGap(tx, session.id, next.waitlistPosition ?? 0);
    await recordAudit(tx, { orgId: session.orgId, actor: SYSTEM_ACTOR, action: 'registration.offered', entityType: 'workshop_registration', entityId: next.id, before: { status: 'waitlisted', position: next.waitlistPosition }, after: { status: 'offered', offerExpiresAt: after.offerExpiresAt } });
    await enqueueRegistrationEvent(tx, 'registration.offered', after, session, offerUrl(baseUrl, session.orgSlug, token));
    offered++;
  }
  return offered;
}

async function lockOfferByToken(tx: Transaction, orgId: string, token: string): Promise<{ registration: Registration; session: SessionFacts }> {
  const [found] = await tx
    .select({ id: workshopRegistrations.id, sessionId: workshopRegistrations.sessionId })
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.offerTokenHash, hashToken(token))));
  if (!found?.sessionId) throw new AppError('not_found', 'This offer link is not valid any more: the offer was answered or has lapsed.');
  const session = await lockSession(tx, orgId, found.sessionId);
  const [registration] = await tx.select().from(workshopRegistrations).where(eq(workshopRegistrations.id, found.id)).for('update');
  return { registration, session };
}

/** Looks at an offer without answering it (the offer page). */
export async function findOffer(db: Executor, orgId: string, token: string): Promise<Registration | undefined> {
  const [row] = await db
    .select()
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.offerTokenHash, hashToken(token)), eq(workshopRegistrations.status, 'offered')));
  return row;
}

/** The person on the waitlist takes the offered seat: registered, before the offer lapses. */
export async function acceptOffer(db: Database, input: { orgId: string; token: string; now?: Date }): Promise<Registration> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration, session } = await lockOfferByToken(tx, input.orgId, input.token);
    if (registration.status !== 'offered') throw new AppError('invalid_state', `This offer was already answered (${registration.status})`);
    if (registration.offerExpiresAt! <= now) {
      throw new AppError('invalid_state', `This offer lapsed at ${registration.offerExpiresAt!.toISOString()}; the seat went to the next person`);
    }
    const [after] = await tx
      .update(workshopRegistrations)
      .set({ status: 'registered', offerExpiresAt: null, offerTokenHash: null })
      .where(eq(workshopRegistrations.id, registration.id))
      .returning();
    const actor: Actor = { type: 'user', id: registration.userId, role: 'resident' };
    await recordAudit(tx, { orgId: input.orgId, actor, action: 'registration.promoted', entityType: 'workshop_registration', entityId: registration.id, before: { status: 'offered' }, after: { status: 'registered' } });
    await enqueueRegistrationEvent(tx, 'registration.promoted', after, session);
    return after;
  });
}

/** Gives up an offered seat, which goes to the next person at once. */
export async function declineOffer(db: Database, input: { orgId: string; token: string; baseUrl: string; now?: Date }): Promise<Registration> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { registration, session } = await lockOfferByToken(tx, input.orgId, input.token);
    if (registration.status !== 'offered') throw new AppError('invalid_state', `This offer was already answered (${registration.status})`);
    const after = await endOffer(tx, registration, session, now, 'declined');
    await offerFreeSeats(tx, session, now, input.baseUrl);
    return after;
  });
}

async function endOffer(tx: Transaction, registration: Registration, session: SessionFacts, now: Date, why: 'declined' | 'lapsed'): Promise<Registration> {
  const [after] = await tx
    .update(workshopRegistrations)
    .set({ status: 'cancelled', cancelledAt: now, offerTokenHash: null, metadata: { ...registration.metadata, offer: why } })
    .where(eq(workshopRegistrations.id, registration.id))
    .returning();
  await recordAudit(tx, { orgId: session.orgId, actor: SYSTEM_ACTOR, action: `registration.offer_${why}`, entityType: 'workshop_registration', entityId: registration.id, before: { status: 'offered', offerExpiresAt: registration.offerExpiresAt }, after: { status: 'cancelled' } });
  await enqueueRegistrationEvent(tx, 'registration.cancelled', after, session);
  return after;
}

/**
 * The worker's sweep: offers that lapsed by `now` are withdrawn and their seats offered to the next
 * people. One transaction per session, each under the session's lock. Returns how many lapsed.
 */
export async function expireOffers(db: Database, now: Date, baseUrl: string): Promise<number> {
  const due = await db
    .selectDistinct({ orgId: workshopRegistrations.orgId, sessionId: workshopRegistrations.sessionId })
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.status, 'offered'), lte(workshopRegistrations.offerExpiresAt, now)));
  let lapsed = 0;
  for (const { orgId, sessionId } of due) {
    lapsed += await db.transaction(async (tx) => {
      const session = await lockSession(tx, orgId, sessionId!);
      const expired = await tx
        .select()
        .from(workshopRegistrations)
        .where(and(eq(workshopRegistrations.sessionId, sessionId!), eq(workshopRegistrations.status, 'offered'), lte(workshopRegistrations.offerExpiresAt, now)))
        .for('update');
      for (const registration of expired) await endOffer(tx, registration, session, now, 'lapsed');
      await offerFreeSeats(tx, session, now, baseUrl);
      return expired.length;
    });
  }
  return lapsed;
}

/** Staff move someone on the waitlist to `position` (clamped to the list), saying why; audited. */
export async function moveOnWaitlist(
  db: Database,
  input: { orgId: string; actor: Actor; registrationId: string; position: number; reason: string },
): Promise<Registration[]> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.orgId, input.orgId), eq(workshopRegistrations.id, input.registrationId)));
    if (!target?.sessionId) throw new AppError('not_found', `No registration ${input.registrationId} in this organization`);
    await lockSession(tx, input.orgId, target.sessionId);
    const waitlist = await tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.sessionId, target.sessionId), eq(workshopRegistrations.status, 'waitlisted')))
      .orderBy(asc(workshopRegistrations.waitlistPosition))
      .for('update');
    const from = waitlist.findIndex((r) => r.id === target.id);
    if (from < 0) throw new AppError('invalid_state', `registrationId: this registration is ${target.status}, not on the waitlist`, { fields: { registrationId: ['is not on the waitlist'] } });
    const order = waitlist.filter((r) => r.id !== target.id);
    const to = Math.min(Math.max(input.position, 1), waitlist.length) - 1;
    order.splice(to, 0, target);
    const changed = order.flatMap((r, index) => (r.waitlistPosition === index + 1 ? [] : [{ id: r.id, position: index + 1 }]));
    for (const { id, position } of changed) {
      await tx.update(workshopRegistrations).set({ waitlistPosition: position }).where(eq(workshopRegistrations.id, id));
    }
    await recordAudit(tx, {
      orgId: input.orgId, actor: input.actor, action: 'registration.waitlist_moved', entityType: 'workshop_registration', entityId: target.id,
      before: { position: target.waitlistPosition }, after: { position: to + 1 }, reason: input.reason,
    });
    return tx
      .select()
      .from(workshopRegistrations)
      .where(inArray(workshopRegistrations.id, order.map((r) => r.id)))
      .orderBy(asc(workshopRegistrations.waitlistPosition));
  });
}
