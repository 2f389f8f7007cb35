import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Interval } from '../../../core/availability';
import { AppError } from '../../../core/errors';
import { freeIntervals, visitSlots } from '../../../core/free-slots';
import type { Executor } from '../../client';
import { bookings } from '../../schema/index';
import { notExpiredHold } from './holds';
import { listResources, requireResource, type Resource, type ResourceType } from './resources';

const MINUTE = 60_000;

/**
 * The spans that hold each resource in [from, to): pending and confirmed bookings. Expired holds
 * never block (ADR 003), so they are left out even before the sweep cancels them.
 */
export async function listBusySpans(
  db: Executor,
  orgId: string,
  resourceIds: string[],
  window: { from: Date; to: Date },
  now: Date,
): Promise<Map<string, Interval[]>> {
  const busy = new Map<string, Interval[]>(resourceIds.map((id) => [id, []]));
  if (resourceIds.length === 0) return busy;
  const rows = await db
    .select({ resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.orgId, orgId),
        inArray(bookings.resourceId, resourceIds),
        inArray(bookings.status, ['pending', 'confirmed']),
        gt(bookings.endsAt, window.from),
        lt(bookings.startsAt, window.to),
        notExpiredHold(now),
      ),
    );
  for (const row of rows) busy.get(row.resourceId)?.push({ start: row.startsAt, end: row.endsAt });
  return busy;
}

export const isVisitResource = (resource: Resource): resource is Resource & { visitMinutes: number } =>
  resource.type === 'person' && resource.visitMinutes !== null;

/**
 * What can be booked of one resource in [from, to): visit slots for an artist with a visit length,
 * free intervals (opening hours minus bookings, from now on) for anything else.
 */
export function slotsOf(resource: Resource, window: { from: Date; to: Date; now: Date }, busy: Interval[]): Interval[] {
  if (isVisitResource(resource)) return visitSlots(resource, window, busy);
  const earliest = new Date(window.now.getTime() + resource.minNoticeMinutes * MINUTE);
  return freeIntervals(resource, { from: window.from, to: window.to, earliest }, busy);
}

/** Bookings reach this far beyond the window when a buffer keeps time free around them. */
export function busyWindow(bufferMinutes: number, window: { from: Date; to: Date }) {
  const pad = bufferMinutes * MINUTE;
  return { from: new Date(window.from.getTime() - pad), to: new Date(window.to.getTime() + pad) };
}

const MAX_WINDOW_DAYS = 62;

export async function resourceSlots(
  db: Executor,
  input: { orgId: string; resourceId: string; from: Date; to: Date; now?: Date },
) {
  const now = input.now ?? new Date();
  if (input.to <= input.from)
    throw new AppError('validation', 'to: must be after from', { fields: { to: ['must be after from'] } });
  if (input.to.getTime() - input.from.getTime() > MAX_WINDOW_DAYS * 1440 * MINUTE) {
    throw new AppError('validation', `to: at most ${MAX_WINDOW_DAYS} days after from`, {
      fields: { to: [`must be at most ${MAX_WINDOW_DAYS} days after from`] },
    });
  }
  const resource = await requireResource(db, input.orgId, input.resourceId);
  const bookable = resource.isBookable && !resource.archivedAt;
  const busy = bookable
    ? (await listBusySpans(db, input.orgId, [resource.id], busyWindow(resource.bufferMinutes, input), now)).get(
        resource.id,
      )!
    : [];
  return { resource, slots: bookable ? slotsOf(resource, { from: input.from, to: input.to, now }, busy) : [] };
}

/**
 * Every bookable resource of one type with what can still be booked in [from, to): the equipment
 * page (free intervals) and the studio-visit page (visit slots), in one read of the bookings.
 */
export async function slotsOfType(
  db: Executor,
  input: { orgId: string; type: ResourceType; from: Date; to: Date; now?: Date; visitsOnly?: boolean },
) {
  const now = input.now ?? new Date();
  const all = (await listResources(db, input.orgId, { type: input.type })).filter((r) => r.isBookable);
  const chosen = input.visitsOnly ? all.filter(isVisitResource) : all;
  const widestBuffer = Math.max(0, ...chosen.map((r) => r.bufferMinutes));
  const busy = await listBusySpans(
    db,
    input.orgId,
    chosen.map((r) => r.id),
    busyWindow(widestBuffer, input),
    now,
  );
  return chosen.map((resource) => ({
    resource,
    slots: slotsOf(resource, { from: input.from, to: input.to, now }, busy.get(resource.id)!),
  }));
}
