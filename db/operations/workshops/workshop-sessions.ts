import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { organizationTimeFormat, type TimeFormatSettings } from '../../../core/time-format';
import {
  DEFAULT_CANCELLATION_CUTOFF_HOURS,
  DEFAULT_OFFER_HOURS,
  SEAT_HOLDING_STATUSES,
} from '../../../core/workshops/policy';
import { AppError } from '../../../core/errors';
import type { Executor, Transaction } from '../../client';
import {
  bookings,
  organizations,
  resources,
  workshopRegistrations,
  workshopSessions,
  workshops,
} from '../../schema/index';

/** Everything registration needs to know about a session, read in one query. */
function sessionFactsQuery(db: Executor, orgId: string, sessionIds: string | string[]) {
  return db
    .select({
      id: workshopSessions.id,
      orgId: workshopSessions.orgId,
      workshopId: workshopSessions.workshopId,
      bookingId: workshopSessions.bookingId,
      sessionCapacity: workshopSessions.capacity,
      workshopCapacity: workshops.capacity,
      title: workshops.title,
      slug: workshops.slug,
      isPublic: workshops.isPublic,
      registrationMode: workshops.registrationMode,
      publishedAt: workshops.publishedAt,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      sequence: bookings.sequence,
      bookingUpdatedAt: bookings.updatedAt,
      bookingStatus: bookings.status,
      resourceTitle: resources.title,
      resourceLocation: sql<string | null>`${resources.metadata}->>'location'`,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      timeZone: organizations.timeZone,
      settings: organizations.settings,
    })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .innerJoin(organizations, eq(organizations.id, workshopSessions.orgId))
    .where(
      and(
        eq(workshopSessions.orgId, orgId),
        typeof sessionIds === 'string' ? eq(workshopSessions.id, sessionIds) : inArray(workshopSessions.id, sessionIds),
      ),
    );
}

type SessionRow = Awaited<ReturnType<typeof sessionFactsQuery>>[number];

export interface SessionFacts extends Omit<SessionRow, 'sessionCapacity' | 'workshopCapacity' | 'settings'> {
  capacity: number;
  /** How the organization writes this session's times in messages (ADR 034). */
  timeFormat: TimeFormatSettings;
  cancellationCutoffHours: number;
  offerHours: number;
}

function toFacts(row: SessionRow): SessionFacts {
  const { sessionCapacity, workshopCapacity, settings, ...rest } = row;
  return {
    ...rest,
    capacity: sessionCapacity ?? workshopCapacity,
    timeFormat: organizationTimeFormat({ timeZone: rest.timeZone, settings }),
    cancellationCutoffHours: settings.cancellationCutoffHours ?? DEFAULT_CANCELLATION_CUTOFF_HOURS,
    offerHours: settings.offerHours ?? DEFAULT_OFFER_HOURS,
  };
}

function notFound(sessionId: string): AppError {
  return new AppError('not_found', `No workshop session ${sessionId} in this organization`);
}

export async function requireSessionFacts(db: Executor, orgId: string, sessionId: string): Promise<SessionFacts> {
  const [row] = await sessionFactsQuery(db, orgId, sessionId);
  if (!row) throw notFound(sessionId);
  return toFacts(row);
}

/**
 * Takes the session's row lock: every change to who holds a seat goes through it, so counting and then
 * inserting is exact however many requests arrive at once.
 */
export async function lockSession(tx: Transaction, orgId: string, sessionId: string): Promise<SessionFacts> {
  const [row] = await sessionFactsQuery(tx, orgId, sessionId).for('update', { of: workshopSessions });
  if (!row) throw notFound(sessionId);
  return toFacts(row);
}

/**
 * Locks several sessions in one consistent order (by id), so two transactions that each need a set
 * of sessions (a series sign-up, a series cancellation) wait for each other instead of deadlocking.
 */
export async function lockSessions(tx: Transaction, orgId: string, sessionIds: string[]): Promise<SessionFacts[]> {
  const ids = [...new Set(sessionIds)].sort();
  if (ids.length === 0) return [];
  // One statement: rows are locked as the sort emits them, so in id order.
  const rows = await sessionFactsQuery(tx, orgId, ids)
    .orderBy(asc(workshopSessions.id))
    .for('update', { of: workshopSessions });
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing) throw notFound(missing);
  return rows.map(toFacts);
}

export interface SeatCounts {
  taken: number;
  waitlisted: number;
}

/** Seats held and waitlist length per session, for any number of sessions in one query. */
export async function seatCounts(db: Executor, sessionIds: string[]): Promise<Map<string, SeatCounts>> {
  const counts = new Map<string, SeatCounts>(sessionIds.map((id) => [id, { taken: 0, waitlisted: 0 }]));
  if (sessionIds.length === 0) return counts;
  const rows = await db
    .select({
      sessionId: workshopRegistrations.sessionId,
      taken:
        sql<number>`count(*) filter (where ${inArray(workshopRegistrations.status, [...SEAT_HOLDING_STATUSES])})`.mapWith(
          Number,
        ),
      waitlisted: sql<number>`count(*) filter (where ${workshopRegistrations.status} = 'waitlisted')`.mapWith(Number),
    })
    .from(workshopRegistrations)
    .where(inArray(workshopRegistrations.sessionId, sessionIds))
    .groupBy(workshopRegistrations.sessionId);
  for (const row of rows) counts.set(row.sessionId!, { taken: row.taken, waitlisted: row.waitlisted });
  return counts;
}

/** The sessions a series sign-up covers: every session of the workshop still to come, earliest first. */
export async function upcomingSessionIds(
  tx: Executor,
  orgId: string,
  workshopId: string,
  now: Date,
): Promise<string[]> {
  const rows = await tx
    .select({ id: workshopSessions.id })
    .from(workshopSessions)
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .where(
      and(
        eq(workshopSessions.orgId, orgId),
        eq(workshopSessions.workshopId, workshopId),
        eq(bookings.status, 'confirmed'),
        gt(bookings.startsAt, now),
      ),
    )
    .orderBy(asc(bookings.startsAt));
  return rows.map((r) => r.id);
}
