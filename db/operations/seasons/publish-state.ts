import { and, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import {
  plannedWindow,
  type ExistingBooking,
  type PlannedItem,
  type ResourceFacts,
} from '../../../core/draft/conflicts';
import type { PublishedItem } from '../../../core/draft/diff';
import type { WorkshopFields } from '../../../core/draft/workshop-diff';
import type { Executor } from '../../client';
import { bookings, resources, workshopRegistrations, workshopSessions, workshops } from '../../schema/index';
import { notExpiredHold } from '../bookings/holds';

/** What publish compares the draft with: the resources, this season's published items, the rest of the calendar. */
export async function loadResourceFacts(db: Executor, orgId: string): Promise<Map<string, ResourceFacts>> {
  const rows = await db.select().from(resources).where(eq(resources.orgId, orgId));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        type: r.type,
        capacity: r.capacity,
        timeZone: r.timeZone,
        availabilityRules: r.availabilityRules,
        bookable: r.isBookable && !r.archivedAt,
      },
    ]),
  );
}

export async function loadPublishedItems(db: Executor, seasonId: string): Promise<PublishedItem[]> {
  const rows = await db
    .select({
      bookingId: bookings.id,
      draftId: bookings.draftItemId,
      title: bookings.title,
      resourceId: bookings.resourceId,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      sessionCapacity: workshopSessions.capacity,
      workshopKey: workshops.draftKey,
      registrations: sql<number>`(select count(*)::int from ${workshopRegistrations} r where r.session_id = ${workshopSessions.id} and r.status in ('registered', 'offered'))`,
    })
    .from(bookings)
    .leftJoin(workshopSessions, eq(workshopSessions.bookingId, bookings.id))
    .leftJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .where(and(eq(bookings.seasonId, seasonId), inArray(bookings.status, ['pending', 'confirmed'])));
  return rows.map((r) => ({
    draftId: r.draftId!,
    kind: r.workshopKey ? 'session' : 'block',
    bookingId: r.bookingId,
    title: r.title,
    resourceId: r.resourceId,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    capacity: r.sessionCapacity,
    workshopKey: r.workshopKey,
    registrations: Number(r.registrations),
  }));
}

/** The season's published workshops by their card key. */
export async function loadPublishedWorkshops(
  db: Executor,
  seasonId: string,
): Promise<Map<string, WorkshopFields & { id: string }>> {
  const rows = await db
    .select({
      id: workshops.id,
      key: workshops.draftKey,
      title: workshops.title,
      capacity: workshops.capacity,
      tags: workshops.tags,
      isPublic: workshops.isPublic,
      descriptionHtml: workshops.descriptionHtml,
    })
    .from(workshops)
    .where(eq(workshops.seasonId, seasonId));
  return new Map(rows.map(({ key, ...fields }) => [key!, fields]));
}

/** Live bookings made outside this season that share a resource and a time with the plan. */
export async function loadBookingsInTheWay(
  db: Executor,
  orgId: string,
  seasonId: string,
  planned: PlannedItem[],
  now: Date,
): Promise<ExistingBooking[]> {
  const window = plannedWindow(planned);
  if (!window) return [];
  return loadBookingsOutsideSeason(db, { orgId, seasonId, now, ...window });
}

/**
 * Live bookings outside this season in [from, to), on the given resources (else on every one of the
 * organization's), ordered by start; at most `limit` of them when a limit is given, else all.
 */
export async function loadBookingsOutsideSeason(
  db: Executor,
  input: { orgId: string; seasonId: string; from: Date; to: Date; now: Date; resourceIds?: string[]; limit?: number },
): Promise<ExistingBooking[]> {
  const query = db
    .select({
      id: bookings.id,
      title: bookings.title,
      resourceId: bookings.resourceId,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.orgId, input.orgId),
        input.resourceIds ? inArray(bookings.resourceId, input.resourceIds) : undefined,
        inArray(bookings.status, ['pending', 'confirmed']),
        lt(bookings.startsAt, input.to),
        gt(bookings.endsAt, input.from),
        or(isNull(bookings.seasonId), ne(bookings.seasonId, input.seasonId)),
        // Expired holds never block (the write that meets one cancels it).
        notExpiredHold(input.now),
      ),
    )
    .orderBy(bookings.startsAt, bookings.id);
  return input.limit === undefined ? query : query.limit(input.limit);
}
