import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { inviteUid } from '../../../core/calendar-invite';
import type { FeedEvent } from '../../../core/calendar-feed';
import { sessionUid } from '../../../core/workshops/calendar';
import type { Executor } from '../../client';
import { sequencesSentTo } from '../outbox/invite-copies';
import { bookings, resources, users, workshopRegistrations, workshops, workshopSessions } from '../../schema/index';

/** What every event of an organization's feeds says about where it comes from. */
export interface FeedContext {
  orgId: string;
  orgName: string;
  orgSlug: string;
  /** The site's public address, for links back to workshop pages. */
  baseUrl: string;
  organizer: { name: string; email?: string };
  /** Events that ended before this are left out: a feed is what is coming, plus a little history. */
  since: Date;
}

/** Awaiting approval shows as TENTATIVE; holds (a checkout in progress, minutes long) are left out. */
const LIVE_BOOKING = or(
  eq(bookings.status, 'confirmed'),
  and(eq(bookings.status, 'pending'), ne(bookings.pendingReason, 'hold')),
);
/** People who hold or are offered a seat, or who came: the waitlist is not on anyone's calendar yet. */
const ON_CALENDAR_REGISTRATION = ['registered', 'offered', 'attended'] as const;

const location = (resourceTitle: string, ctx: FeedContext) => `${resourceTitle}, ${ctx.orgName}`;
const workshopUrl = (ctx: FeedContext, slug: string) =>
  `${ctx.baseUrl.replace(/\/$/, '')}/${ctx.orgSlug}/workshops/${slug}`;

/**
 * A person's own calendar: the bookings they made (not those standing for workshop sessions,
 * which reach them as registrations) and the sessions they hold or are offered a seat in.
 */
export async function personalFeedEvents(db: Executor, ctx: FeedContext, userId: string): Promise<FeedEvent[]> {
  const own = await db
    .select({ booking: bookings, resourceTitle: resources.title })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(workshopSessions, eq(workshopSessions.bookingId, bookings.id))
    .where(
      and(
        eq(bookings.orgId, ctx.orgId),
        eq(bookings.createdBy, userId),
        LIVE_BOOKING,
        gt(bookings.endsAt, ctx.since),
        isNull(workshopSessions.id),
      ),
    )
    .orderBy(asc(bookings.startsAt));
  const seats = await db
    .select({
      sessionId: workshopSessions.id,
      status: workshopRegistrations.status,
      title: workshops.title,
      slug: workshops.slug,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      sequence: bookings.sequence,
      updatedAt: bookings.updatedAt,
      resourceTitle: resources.title,
    })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(
      and(
        eq(workshopRegistrations.orgId, ctx.orgId),
        eq(workshopRegistrations.userId, userId),
        inArray(workshopRegistrations.status, [...ON_CALENDAR_REGISTRATION]),
        eq(bookings.status, 'confirmed'),
        gt(bookings.endsAt, ctx.since),
      ),
    )
    .orderBy(asc(bookings.startsAt));
  const events: FeedEvent[] = own.map(({ booking, resourceTitle }) => ({
    uid: inviteUid('booking', booking.id),
    sequence: booking.sequence,
    updatedAt: booking.updatedAt,
    title: booking.title,
    description: booking.status === 'pending' ? 'Awaiting approval.' : (booking.description ?? undefined),
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    location: location(resourceTitle, ctx),
    status: booking.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    organizer: ctx.organizer,
  }));
  // One event per session even if the person registered twice under different emails.
  const sessions = new Map<string, FeedEvent>();
  for (const seat of seats) {
    const offered = seat.status === 'offered';
    const url = workshopUrl(ctx, seat.slug);
    sessions.set(seat.sessionId, {
      uid: sessionUid(seat.sessionId),
      sequence: seat.sequence,
      updatedAt: seat.updatedAt,
      title: seat.title,
      description: offered ? `A seat is offered to you: accept it from the email we sent.\n\n${url}` : url,
      startsAt: seat.startsAt,
      endsAt: seat.endsAt,
      location: location(seat.resourceTitle, ctx),
      url,
      status: offered ? 'TENTATIVE' : 'CONFIRMED',
      organizer: ctx.organizer,
    });
  }
  const all = [...events, ...sessions.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  // The same event in the feed never goes below the SEQUENCE emailed to this person (ADR 030).
  const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  const sent = owner
    ? await sequencesSentTo(db, { orgId: ctx.orgId, email: owner.email, uids: all.map((e) => e.uid) })
    : new Map<string, number>();
  return all.map((event) => ({ ...event, sequence: Math.max(event.sequence, sent.get(event.uid) ?? 0) }));
}

/** A resource's calendar for staff: its confirmed bookings and requests awaiting approval, with who booked. */
export async function resourceFeedEvents(db: Executor, ctx: FeedContext, resourceId: string): Promise<FeedEvent[]> {
  const rows = await db
    .select({
      booking: bookings,
      resourceTitle: resources.title,
      sessionId: workshopSessions.id,
      bookedBy: users.name,
      bookedByEmail: users.email,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(workshopSessions, eq(workshopSessions.bookingId, bookings.id))
    .leftJoin(users, eq(users.id, bookings.createdBy))
    .where(
      and(
        eq(bookings.orgId, ctx.orgId),
        eq(bookings.resourceId, resourceId),
        LIVE_BOOKING,
        gt(bookings.endsAt, ctx.since),
      ),
    )
    .orderBy(asc(bookings.startsAt), sql`${bookings.id}`);
  return rows.map(({ booking, resourceTitle, sessionId, bookedBy, bookedByEmail }) => {
    const who = bookedBy ? `Booked by ${bookedBy} <${bookedByEmail}>` : undefined;
    const state = booking.status === 'pending' ? 'Awaiting approval.' : undefined;
    return {
      // A session keeps the UID of its registrants' invites; any other booking the UID of its own.
      uid: sessionId ? sessionUid(sessionId) : inviteUid('booking', booking.id),
      sequence: booking.sequence,
      updatedAt: booking.updatedAt,
      title: booking.title,
      description: [state, booking.description, who].filter(Boolean).join('\n\n') || undefined,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      location: location(resourceTitle, ctx),
      status: booking.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
      organizer: ctx.organizer,
    };
  });
}
