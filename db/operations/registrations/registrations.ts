import { timingSafeEqual } from 'node:crypto';
import { createTimeFormatter } from '../../../core/time-format';
import { and, asc, eq, sql } from 'drizzle-orm';
import { hasRole, SYSTEM_ACTOR, type Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { RegistrationInput } from '../../../core/schemas/workshop';
import { canSelfCancel, cancellationDeadline } from '../../../core/workshops/policy';
import type { Database, Transaction } from '../../client';
import { pgErrorInfo, UNIQUE_VIOLATION } from '../../pg-errors';
import { bookings, resources, users, workshopRegistrations, workshops, workshopSessions } from '../../schema/index';
import { recordAudit } from '../audit';
import { manageUrl, type Registration } from './registration-events';
import { hashToken, newToken } from '../accounts/auth-sessions';
import { normalizeEmail } from '../accounts/users';
import { offerFreeSeats } from './waitlist';
import { cancelRow } from './waitlist-rows';
import { cancelSeriesGroup, registerForSeries } from './series-registrations';
import { alreadyRegistered } from './registration-batch';
import { readSessionFactsForRegistration } from './session-facts-reads';
import { registerInOneCall } from './registration-batcher';
import { lockSession, type SessionFacts } from '../workshops/workshop-sessions';

export type { Registration };

const ACTIVE_UNIQUE = 'workshop_registrations_active_unique';

export interface RegisterInput extends RegistrationInput {
  orgId: string;
  sessionId: string;
  /** The signed-in person; a guest gets a user row of their own, which they can claim by sign-in link. */
  userId?: string | null;
  /** Members may register for sessions of workshops that are not public; the public only for public ones. */
  audience: 'public' | 'member';
  baseUrl: string;
  now?: Date;
}

export interface RegistrationResult {
  registration: Registration;
  /** Shown once: the private link to see or cancel this registration. Only its hash is stored. */
  manageToken: string;
  /** For a workshop booked as a whole series: one registration per session, the chosen one included. */
  series?: Registration[];
}

function assertOpenForRegistration(session: SessionFacts, audience: RegisterInput['audience'], now: Date): void {
  const visible = session.publishedAt !== null && (session.isPublic || audience === 'member');
  if (!visible) throw new AppError('not_found', `No workshop session ${session.id} open for registration`);
  if (session.bookingStatus !== 'confirmed') throw new AppError('invalid_state', 'This session was cancelled');
  if (session.startsAt <= now)
    throw new AppError('invalid_state', 'This session has already started; registration is closed');
}

/** A guest is a user without password or membership, found again by email; sign-in links let them claim it. */
export async function guestUserId(tx: Transaction, email: string, name: string): Promise<string> {
  const [user] = await tx
    .insert(users)
    .values({ email: normalizeEmail(email), name })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
    .returning({ id: users.id });
  return user.id;
}

/**
 * Registers someone for a session: a seat while there is one, else the end of the waitlist. The
 * session's row lock makes the count exact under any load; the outbox event is written in the same
 * transaction (one database call, shared with others registering for the same session at that moment:
 * session-registration.ts). Someone already registered gets a 409 naming `email`.
 */
export async function registerForSession(db: Database, input: RegisterInput): Promise<RegistrationResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim();
  try {
    const session = await readSessionFactsForRegistration(db, input.orgId, input.sessionId);
    if (session.registrationMode === 'series') return await registerForWholeSeries(db, input, session, email, now);
    assertOpenForRegistration(session, input.audience, now);
    return await registerInOneCall(db, {
      orgId: input.orgId,
      session,
      userId: input.userId ?? null,
      email,
      name: input.name,
      baseUrl: input.baseUrl,
      now,
    });
  } catch (error) {
    const info = pgErrorInfo(error);
    if (info?.code === UNIQUE_VIOLATION && info.constraint === ACTIVE_UNIQUE) {
      throw alreadyRegistered(email);
    }
    throw error;
  }
}

/** A workshop booked as a whole: one seat in every upcoming session or none (series-registrations.ts). */
function registerForWholeSeries(
  db: Database,
  input: RegisterInput,
  requested: SessionFacts,
  email: string,
  now: Date,
): Promise<RegistrationResult> {
  return db.transaction(async (tx) => {
    const userId = input.userId ?? (await guestUserId(tx, email, input.name));
    // The series' sessions are locked and read again there; only the workshop and the chosen id are taken from here.
    const manageToken = newToken();
    const { registration, series } = await registerForSeries(tx, {
      orgId: input.orgId,
      requested,
      userId,
      email,
      name: input.name,
      now,
      baseUrl: input.baseUrl,
      manageTokenHash: hashToken(manageToken),
      manageLink: manageUrl(input.baseUrl, requested.orgSlug, manageToken),
      assertOpen: (session) => assertOpenForRegistration(session, input.audience, now),
    });
    return { registration, manageToken, series };
  });
}

function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashToken(token));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The registration a manage link stands for, with its session (the manage page). */
export async function findRegistrationByToken(db: Database, orgId: string, token: string) {
  const [registration] = await db
    .select()
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.manageTokenHash, hashToken(token))));
  return registration;
}

export interface CancelInput {
  orgId: string;
  registrationId: string;
  /** Whoever holds the manage link; needed unless `actor` is staff or `userId` owns the registration. */
  token?: string;
  /** The signed-in person cancelling their own registration (their dashboard). */
  userId?: string;
  actor?: Actor;
  baseUrl: string;
  reason?: string;
  now?: Date;
}

/**
 * Cancels a registration, an offer or a waitlist place. People cancel with their manage link until the
 * organization's cutoff before the session; staff always can. A freed seat is offered to the waitlist.
 */
export async function cancelRegistration(db: Database, input: CancelInput): Promise<Registration> {
  const now = input.now ?? new Date();
  const byStaff = input.actor !== undefined && hasRole(input.actor, 'staff');
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.orgId, input.orgId), eq(workshopRegistrations.id, input.registrationId)));
    if (!found?.sessionId)
      throw new AppError('not_found', `No registration ${input.registrationId} in this organization`);
    const byOwner = input.userId !== undefined && found.userId === input.userId;
    if (!byStaff && !byOwner) {
      if (!input.token)
        throw new AppError('unauthorized', 'token: send the manage token of this registration', {
          fields: { token: ['is required'] },
        });
      if (!tokenMatches(input.token, found.manageTokenHash)) {
        throw new AppError('forbidden', 'token: this manage token does not belong to this registration', {
          fields: { token: ['does not match this registration'] },
        });
      }
    }
    const actor = input.actor ?? { type: 'user' as const, id: input.userId ?? found.userId, role: 'resident' as const };
    if (found.seriesGroupId) {
      // A series is booked as a whole and given up as a whole.
      return cancelSeriesGroup(tx, {
        orgId: input.orgId,
        workshopId: found.workshopId,
        seriesGroupId: found.seriesGroupId,
        registrationId: found.id,
        byStaff,
        actor,
        reason: input.reason,
        baseUrl: input.baseUrl,
        now,
      });
    }
    const session = await lockSession(tx, input.orgId, found.sessionId);
    const [before] = await tx
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.id, found.id))
      .for('update');
    if (!['registered', 'waitlisted', 'offered'].includes(before.status)) {
      throw new AppError('invalid_state', `This registration is already ${before.status.replace('_', ' ')}`);
    }
    if (!byStaff && !canSelfCancel(now, session.startsAt, session.cancellationCutoffHours)) {
      const deadline = cancellationDeadline(session.startsAt, session.cancellationCutoffHours);
      throw new AppError(
        'invalid_state',
        `Cancellation closed ${session.cancellationCutoffHours} hours before the session (at ${createTimeFormatter(session.timeFormat).long(deadline)}); please contact ${session.orgName}`,
      );
    }
    const after = await cancelRow(tx, before, session, { actor, reason: input.reason, now });
    if (before.status !== 'waitlisted') await offerFreeSeats(tx, session, now, input.baseUrl);
    return after;
  });
}

const ATTENDANCE_FROM = new Set(['registered', 'attended', 'no_show']);

/** Staff mark who came (or undo it) from the roster. */
export async function markAttendance(
  db: Database,
  input: { orgId: string; actor: Actor; registrationId: string; status: 'attended' | 'no_show' | 'registered' },
): Promise<Registration> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.orgId, input.orgId), eq(workshopRegistrations.id, input.registrationId)))
      .for('update');
    if (!before) throw new AppError('not_found', `No registration ${input.registrationId} in this organization`);
    if (!ATTENDANCE_FROM.has(before.status))
      throw new AppError(
        'invalid_state',
        `Only people with a seat can be marked; this registration is ${before.status}`,
      );
    const [after] = await tx
      .update(workshopRegistrations)
      .set({ status: input.status })
      .where(eq(workshopRegistrations.id, before.id))
      .returning();
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor ?? SYSTEM_ACTOR,
      action: 'registration.attendance',
      entityType: 'workshop_registration',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
}

/** Someone's own registrations in an organization, with their sessions, soonest first. */
export async function listUserRegistrations(db: Database, orgId: string, userId: string) {
  return db
    .select({
      id: workshopRegistrations.id,
      status: workshopRegistrations.status,
      seriesGroupId: workshopRegistrations.seriesGroupId,
      position: workshopRegistrations.waitlistPosition,
      sessionId: workshopRegistrations.sessionId,
      title: workshops.title,
      slug: workshops.slug,
      isPublic: workshops.isPublic,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      bookingStatus: bookings.status,
      resourceTitle: resources.title,
    })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .innerJoin(workshops, eq(workshops.id, workshopRegistrations.workshopId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.userId, userId)))
    .orderBy(asc(bookings.startsAt));
}
