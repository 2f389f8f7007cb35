import { and, arrayContains, asc, eq, gt, ilike, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import { sanitizeDescription } from '../../../core/rich-text';
import type { Executor } from '../../client';
import { bookings, resources, workshopRegistrations, workshops, workshopSessions } from '../../schema/index';
import { requireSessionFacts, seatCounts } from './workshop-sessions';
import type { Workshop } from './workshops';

export interface SessionListing {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  /** When the session's booking last changed (a feed's DTSTAMP). */
  updatedAt: Date;
  resourceId: string;
  resourceTitle: string;
  bookingStatus: string;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  waitlistLength: number;
}

export interface WorkshopListing extends Workshop {
  sessions: SessionListing[];
}

/** Sessions of the given workshops with their seats, earliest first. */
async function sessionsOf(db: Executor, workshopList: Workshop[], where: SQL[] = []): Promise<WorkshopListing[]> {
  if (workshopList.length === 0) return [];
  const rows = await db
    .select({
      workshopId: workshopSessions.workshopId,
      id: workshopSessions.id,
      sessionCapacity: workshopSessions.capacity,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      sequence: bookings.sequence,
      updatedAt: bookings.updatedAt,
      bookingStatus: bookings.status,
      resourceId: bookings.resourceId,
      resourceTitle: resources.title,
    })
    .from(workshopSessions)
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(
      and(
        inArray(
          workshopSessions.workshopId,
          workshopList.map((w) => w.id),
        ),
        ...where,
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(workshopSessions.id));
  const counts = await seatCounts(
    db,
    rows.map((r) => r.id),
  );
  const rowsByWorkshop = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = rowsByWorkshop.get(row.workshopId);
    if (list) list.push(row);
    else rowsByWorkshop.set(row.workshopId, [row]);
  }
  return workshopList.map((workshop) => ({
    ...workshop,
    sessions: (rowsByWorkshop.get(workshop.id) ?? []).map(({ workshopId: _, sessionCapacity, ...r }) => {
      const capacity = sessionCapacity ?? workshop.capacity;
      const { taken, waitlisted } = counts.get(r.id)!;
      return {
        ...r,
        capacity,
        seatsTaken: taken,
        seatsLeft: Math.max(0, capacity - taken),
        waitlistLength: waitlisted,
      };
    }),
  }));
}

/** Staff's list: every workshop with all its sessions and how full they are. */
export async function listWorkshopsForStaff(db: Executor, orgId: string): Promise<WorkshopListing[]> {
  const list = await db.select().from(workshops).where(eq(workshops.orgId, orgId)).orderBy(asc(workshops.title));
  return sessionsOf(db, list);
}

export async function workshopForStaff(db: Executor, orgId: string, id: string): Promise<WorkshopListing> {
  const [workshop] = await db
    .select()
    .from(workshops)
    .where(and(eq(workshops.orgId, orgId), eq(workshops.id, id)));
  if (!workshop) throw new AppError('not_found', `No workshop ${id} in this organization`);
  const [listing] = await sessionsOf(db, [workshop]);
  return listing;
}

export interface CatalogFilter {
  /** Sessions starting at or after / before these instants. */
  from?: Date;
  to?: Date;
  tag?: string;
  text?: string;
  withSeatsOnly?: boolean;
}

/** Who is looking: the public sees public workshops; signed-in members of the organization also its members-only ones. */
export type CatalogAudience = 'public' | 'member';

function publishedWorkshopConditions(orgId: string, audience: CatalogAudience): SQL[] {
  const conditions = [eq(workshops.orgId, orgId), isNotNull(workshops.publishedAt)];
  if (audience === 'public') conditions.push(eq(workshops.isPublic, true));
  return conditions;
}

function upcomingSessionConditions(now: Date, filter: CatalogFilter): SQL[] {
  const conditions = [eq(bookings.status, 'confirmed'), gt(bookings.startsAt, now)];
  if (filter.from) conditions.push(gt(bookings.startsAt, new Date(filter.from.getTime() - 1)));
  if (filter.to) conditions.push(lt(bookings.startsAt, filter.to));
  return conditions;
}

/**
 * The catalog: published workshops that have upcoming sessions matching the filter; public ones only,
 * unless the audience is a member of the organization (then members-only workshops too).
 */
export async function listPublicWorkshops(
  db: Executor,
  orgId: string,
  now: Date,
  filter: CatalogFilter = {},
  audience: CatalogAudience = 'public',
): Promise<WorkshopListing[]> {
  const conditions = publishedWorkshopConditions(orgId, audience);
  if (filter.tag) conditions.push(arrayContains(workshops.tags, [filter.tag]));
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(workshops.title, pattern), ilike(workshops.descriptionHtml, pattern))!);
  }
  const list = await db
    .select()
    .from(workshops)
    .where(and(...conditions))
    .orderBy(asc(workshops.title));
  const listings = await sessionsOf(db, list, upcomingSessionConditions(now, filter));
  return listings
    .map((w) => ({
      ...w,
      descriptionHtml: sanitizeDescription(w.descriptionHtml),
      sessions: filter.withSeatsOnly ? w.sessions.filter((s) => s.seatsLeft > 0) : w.sessions,
    }))
    .filter((w) => w.sessions.length > 0)
    .sort((a, b) => a.sessions[0].startsAt.getTime() - b.sessions[0].startsAt.getTime());
}

/**
 * One published workshop by slug or id with its upcoming sessions; the description is sanitized
 * again on the way out. `undefined` when it is not (or no longer) visible to this audience.
 */
export async function findPublicWorkshop(
  db: Executor,
  orgId: string,
  key: { slug: string } | { id: string },
  now: Date,
  audience: CatalogAudience = 'public',
): Promise<WorkshopListing | undefined> {
  const match = 'slug' in key ? eq(workshops.slug, key.slug) : eq(workshops.id, key.id);
  const [workshop] = await db
    .select()
    .from(workshops)
    .where(and(...publishedWorkshopConditions(orgId, audience), match));
  if (!workshop) return undefined;
  const [listing] = await sessionsOf(db, [workshop], upcomingSessionConditions(now, {}));
  return { ...listing, descriptionHtml: sanitizeDescription(listing.descriptionHtml) };
}

/** Whether a published workshop with this slug is visible to the audience: what registering on its page needs, without its sessions. */
export async function isVisibleWorkshop(
  db: Executor,
  orgId: string,
  slug: string,
  audience: CatalogAudience,
): Promise<boolean> {
  const [row] = await db
    .select({ id: workshops.id })
    .from(workshops)
    .where(and(...publishedWorkshopConditions(orgId, audience), eq(workshops.slug, slug)));
  return row !== undefined;
}

export type RosterEntry = typeof workshopRegistrations.$inferSelect;

const ROSTER_ORDER: Record<string, number> = {
  registered: 0,
  attended: 0,
  no_show: 0,
  offered: 1,
  waitlisted: 2,
  cancelled: 3,
};

/** A session's people: seat holders by name, then offers, then the waitlist in order, then cancellations. */
export async function sessionRoster(db: Executor, orgId: string, sessionId: string) {
  const session = await requireSessionFacts(db, orgId, sessionId);
  const people = await db
    .select()
    .from(workshopRegistrations)
    .where(and(eq(workshopRegistrations.orgId, orgId), eq(workshopRegistrations.sessionId, sessionId)))
    .orderBy(
      asc(workshopRegistrations.waitlistPosition),
      asc(workshopRegistrations.name),
      asc(workshopRegistrations.registeredAt),
    );
  people.sort((a, b) => ROSTER_ORDER[a.status] - ROSTER_ORDER[b.status]);
  const counts = (await seatCounts(db, [sessionId])).get(sessionId)!;
  return { session, people, seatsTaken: counts.taken, waitlistLength: counts.waitlisted };
}
