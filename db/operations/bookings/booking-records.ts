import { and, asc, desc, eq, gt, ilike, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { AppError, type ConflictingBooking } from '../../../core/errors';
import type { BookingListQuery } from '../../../core/schemas/booking';
import type { Executor } from '../../client';
import { bookings, resources, users } from '../../schema/index';
import { isExpiredHold } from './holds';

export type Booking = typeof bookings.$inferSelect;
export type BookingStatus = Booking['status'];

/** The public shape of a booking (API, outbox payloads): instants as ISO strings, no internal columns. */
export function bookingView(booking: Booking) {
  return {
    id: booking.id,
    orgId: booking.orgId,
    resourceId: booking.resourceId,
    title: booking.title,
    description: booking.description,
    status: booking.status,
    pendingReason: booking.pendingReason,
    holdExpiresAt: booking.holdExpiresAt?.toISOString() ?? null,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    sequence: booking.sequence,
    source: booking.source,
    isPublic: booking.isPublic,
    /** Set when a season's publish made this booking. */
    seasonId: booking.seasonId,
    draftItemId: booking.draftItemId,
    createdBy: booking.createdBy,
    approvedBy: booking.approvedBy,
    cancelReason: booking.cancelReason,
    metadata: booking.metadata,
    createdAt: booking.createdAt.toISOString(),
    updatedAt: booking.updatedAt.toISOString(),
  };
}
export type BookingView = ReturnType<typeof bookingView>;

export async function findBooking(db: Executor, orgId: string, id: string): Promise<Booking | undefined> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.orgId, orgId), eq(bookings.id, id)))
    .limit(1);
  return row;
}

export async function requireBooking(db: Executor, orgId: string, id: string): Promise<Booking> {
  const booking = await findBooking(db, orgId, id);
  if (!booking) throw new AppError('not_found', `No booking ${id} in this organization`);
  return booking;
}

export async function listBookings(
  db: Executor,
  orgId: string,
  query: BookingListQuery,
  options: { activeOnly?: boolean } = {},
): Promise<Booking[]> {
  const conditions = [eq(bookings.orgId, orgId)];
  if (options.activeOnly) conditions.push(inArray(bookings.status, ['pending', 'confirmed']));
  // A booking belongs to a window when it overlaps it: [startsAt, endsAt) meets [from, to).
  if (query.from) conditions.push(gt(bookings.endsAt, new Date(query.from)));
  if (query.to) conditions.push(lt(bookings.startsAt, new Date(query.to)));
  if (query.resourceId) conditions.push(eq(bookings.resourceId, query.resourceId));
  if (query.status) conditions.push(eq(bookings.status, query.status));
  return db
    .select()
    .from(bookings)
    .where(and(...conditions))
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(query.limit ?? 500);
}

export interface Span {
  orgId: string;
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  /** The booking being moved, which never conflicts with itself. */
  excludeId?: string;
}

export function overlaps(span: Span) {
  return sql`${bookings.timeRange} && tstzrange(${span.startsAt.toISOString()}::timestamptz, ${span.endsAt.toISOString()}::timestamptz, '[)')`;
}

/**
 * What is in the way of a span: live bookings (what a conflict error names) and how many expired
 * holds, which never block and are cancelled by whoever meets them.
 */
export async function findOverlapping(
  db: Executor,
  span: Span,
  now: Date,
): Promise<{ live: ConflictingBooking[]; expiredHolds: number }> {
  const conditions = [
    eq(bookings.orgId, span.orgId),
    eq(bookings.resourceId, span.resourceId),
    inArray(bookings.status, ['pending', 'confirmed']),
    overlaps(span),
  ];
  if (span.excludeId) conditions.push(ne(bookings.id, span.excludeId));
  const rows = await db
    .select({
      id: bookings.id,
      title: bookings.title,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      pendingReason: bookings.pendingReason,
      holdExpiresAt: bookings.holdExpiresAt,
    })
    .from(bookings)
    .where(and(...conditions))
    .orderBy(asc(bookings.startsAt));
  const expired = (row: (typeof rows)[number]) => isExpiredHold(row, now);
  return {
    live: rows
      .filter((row) => !expired(row))
      .map(({ id, title, startsAt, endsAt, status }) => ({
        id,
        title,
        status,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      })),
    expiredHolds: rows.filter(expired).length,
  };
}

/** Requests waiting for staff, oldest first, with the resource they ask for and who asked. */
export async function listApprovalQueue(db: Executor, orgId: string) {
  return db
    .select({ booking: bookings, resourceTitle: resources.title, requesterName: users.name })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(and(eq(bookings.orgId, orgId), eq(bookings.status, 'pending'), eq(bookings.pendingReason, 'approval')))
    .orderBy(asc(bookings.createdAt));
}

export type BookingSearchSort = 'startsAt' | 'title' | 'resource' | 'status';

interface BookingSearch {
  text?: string;
  status?: BookingStatus;
  limit?: number;
  offset?: number;
  sort?: BookingSearchSort;
  dir?: 'asc' | 'desc';
}

function bookingSearchConditions(orgId: string, filter: BookingSearch) {
  const conditions = [eq(bookings.orgId, orgId)];
  if (filter.status) conditions.push(eq(bookings.status, filter.status));
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(bookings.title, pattern), ilike(resources.title, pattern))!);
  }
  return and(...conditions);
}

const SEARCH_SORT_COLUMNS = {
  startsAt: bookings.startsAt,
  title: bookings.title,
  resource: resources.title,
  status: bookings.status,
} as const;

/** The staff search: title or resource name contains `text`, optional status; newest start first unless sorted. */
export async function searchBookings(db: Executor, orgId: string, filter: BookingSearch) {
  const order = filter.dir === 'asc' ? asc : desc;
  return db
    .select({ booking: bookings, resourceTitle: resources.title })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(bookingSearchConditions(orgId, filter))
    .orderBy(order(SEARCH_SORT_COLUMNS[filter.sort ?? 'startsAt']), desc(bookings.id))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0);
}

/** How many bookings the staff search matches on every page. */
export async function countBookingSearch(db: Executor, orgId: string, filter: Pick<BookingSearch, 'text' | 'status'>) {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(bookingSearchConditions(orgId, filter));
  return row?.count ?? 0;
}
