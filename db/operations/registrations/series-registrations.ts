import { randomUUID } from 'node:crypto';
import { createTimeFormatter } from '../../../core/time-format';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { canSelfCancel, cancellationDeadline } from '../../../core/workshops/policy';
import type { Executor, Transaction } from '../../client';
import { bookings, workshopRegistrations, workshopSessions } from '../../schema/index';
import { enqueueRegistrationEvent, type Registration } from './registration-events';
import { lockSeriesSessions, offerSeriesSeats, sessionIdsOfGroup } from './series-waitlist';
import { offerFreeSeats } from './waitlist';
import { cancelRow } from './waitlist-rows';
import { seatCounts, type SessionFacts } from '../workshops/workshop-sessions';

const CANCELLABLE = ['registered', 'waitlisted', 'offered'] as const;

export interface SeriesSignUp {
  orgId: string;
  /** The session the person chose; its row carries the manage link, which stands for the whole series. */
  requested: SessionFacts;
  userId: string;
  email: string;
  name: string;
  manageTokenHash: string;
  manageLink: string;
  /** Where offer links point, for groups already waiting that get their seats now. */
  baseUrl: string;
  now: Date;
  /** Checks that the chosen session is open to this person (published, visible, not started). */
  assertOpen: (session: SessionFacts) => void;
}

/**
 * A "whole series" sign-up: one seat in every upcoming session of the workshop, all in one
 * transaction under the sessions' locks (taken in id order). When any session is full the whole
 * group joins the series waitlist instead: a waitlisted row at the end of every session's waitlist,
 * offered the series once each of those sessions has a seat (series-waitlist.ts, ADR 021).
 */
export async function registerForSeries(
  tx: Transaction,
  input: SeriesSignUp,
): Promise<{ registration: Registration; series: Registration[] }> {
  const locked = await lockSeriesSessions(tx, input.orgId, input.requested.workshopId, input.now, [input.requested.id]);
  const chosen = locked.find((s) => s.id === input.requested.id)!;
  input.assertOpen(chosen);
  // Groups already waiting come first: seats freed since the last offer go to them, not to a newcomer.
  await offerSeriesSeats(tx, locked, input.now, input.baseUrl);
  // Read again under the locks: a session cancelled or started meanwhile is no longer part of the series.
  const sessions = locked
    .filter((s) => s.bookingStatus === 'confirmed' && s.startsAt > input.now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const counts = await seatCounts(
    tx,
    sessions.map((s) => s.id),
  );
  const full = sessions.some((s) => counts.get(s.id)!.taken >= s.capacity);
  const seriesGroupId = randomUUID();
  const rows = await tx
    .insert(workshopRegistrations)
    .values(
      sessions.map((session) => ({
        orgId: input.orgId,
        workshopId: session.workshopId,
        sessionId: session.id,
        userId: input.userId,
        email: input.email,
        name: input.name,
        status: full ? ('waitlisted' as const) : ('registered' as const),
        waitlistPosition: full ? counts.get(session.id)!.waitlisted + 1 : null,
        seriesGroupId,
        registeredAt: input.now,
        manageTokenHash: session.id === chosen.id ? input.manageTokenHash : null,
      })),
    )
    .returning();
  const registration = rows.find((r) => r.sessionId === chosen.id)!;
  if (full) {
    // One email: the place in the queue (the chosen session's position) and the manage link.
    await enqueueRegistrationEvent(tx, 'registration.waitlisted', registration, chosen, input.manageLink);
  } else {
    for (const session of sessions)
      await enqueueRegistrationEvent(
        tx,
        'registration.confirmed',
        rows.find((r) => r.sessionId === session.id)!,
        session,
        input.manageLink,
      );
  }
  return { registration, series: rows };
}

/**
 * Cancels what is left of a series sign-up: every row of the group whose session has not started.
 * People may until the cutoff before the next of those sessions; staff always can. Each freed seat is
 * offered to that session's waitlist, all in this transaction with its outbox events.
 */
export async function cancelSeriesGroup(
  tx: Transaction,
  input: {
    orgId: string;
    workshopId: string;
    seriesGroupId: string;
    registrationId: string;
    byStaff: boolean;
    actor: Actor;
    reason?: string;
    baseUrl: string;
    now: Date;
  },
): Promise<Registration> {
  const sessions = await lockSeriesSessions(
    tx,
    input.orgId,
    input.workshopId,
    input.now,
    await sessionIdsOfGroup(tx, input.seriesGroupId),
  );
  const rows = await tx
    .select()
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.seriesGroupId, input.seriesGroupId),
        inArray(workshopRegistrations.status, [...CANCELLABLE]),
      ),
    )
    .orderBy(asc(workshopRegistrations.registeredAt))
    .for('update');
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const toCancel = rows.filter((r) => sessionOf.get(r.sessionId!)!.startsAt > input.now);
  if (toCancel.length === 0)
    throw new AppError(
      'invalid_state',
      'Nothing left to cancel in this series: its sessions are cancelled or have started',
    );
  const next = toCancel
    .map((r) => sessionOf.get(r.sessionId!)!)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (!input.byStaff && !canSelfCancel(input.now, next.startsAt, next.cancellationCutoffHours)) {
    const deadline = cancellationDeadline(next.startsAt, next.cancellationCutoffHours);
    throw new AppError(
      'invalid_state',
      `Cancellation closed ${next.cancellationCutoffHours} hours before the next session of the series (at ${createTimeFormatter(next.timeFormat).long(deadline)}); please contact ${next.orgName}`,
    );
  }
  const cancelled: Registration[] = [];
  for (const before of toCancel) {
    const session = sessionOf.get(before.sessionId!)!;
    const after = await cancelRow(tx, before, session, input);
    if (before.status !== 'waitlisted') await offerFreeSeats(tx, session, input.now, input.baseUrl);
    cancelled.push(after);
  }
  // The seats this group gave up in every session may now make a whole series for a group waiting.
  await offerSeriesSeats(tx, sessions, input.now, input.baseUrl);
  return cancelled.find((r) => r.id === input.registrationId) ?? cancelled[0];
}

/** The sessions of one series sign-up with their status, earliest first (the manage page). */
export async function listSeriesGroup(db: Executor, orgId: string, seriesGroupId: string) {
  return db
    .select({
      id: workshopRegistrations.id,
      sessionId: workshopRegistrations.sessionId,
      status: workshopRegistrations.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      bookingStatus: bookings.status,
    })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.seriesGroupId, seriesGroupId)))
    .orderBy(asc(bookings.startsAt));
}
