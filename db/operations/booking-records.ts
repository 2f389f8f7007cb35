import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { AppError, type ConflictingBooking } from '../../core/errors';
import type { BookingListQuery } from '../../core/schemas/booking';
import type { Executor } from '../client';
import { bookings } from '../schema/index';

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
  const [row] = await db.select().from(bookings).where(and(eq(bookings.orgId, orgId), eq(bookings.id, id))).limit(1);
  return row;
}

export async function requireBooking(db: Executor, orgId: string, id: string): Promise<Booking> {
  const booking = await findBooking(db, orgId, id);
  if (!booking) throw new AppError('not_found', `No booking ${id} in this organization`);
  return booking;
}

export async function listBookings(db: Executor, orgId: string, query: BookingListQuery): Promise<Booking[]> {
  const conditions = [eq(bookings.orgId, orgId)];
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

/** The active bookings in the way of a span: what a conflict error names. */
export async function findOverlapping(db: Executor, span: Span): Promise<ConflictingBooking[]> {
  const conditions = [
    eq(bookings.orgId, span.orgId),
    eq(bookings.resourceId, span.resourceId),
    inArray(bookings.status, ['pending', 'confirmed']),
    overlaps(span),
  ];
  if (span.excludeId) conditions.push(ne(bookings.id, span.excludeId));
  const rows = await db
    .select({ id: bookings.id, title: bookings.title, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status })
    .from(bookings)
    .where(and(...conditions))
    .orderBy(asc(bookings.startsAt));
  return rows.map((row) => ({ ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }));
}
