import { DateTime } from 'luxon';
import { openIntervals, type AvailabilityRules, type Interval } from './availability';
import type { TimeFormatter } from './time-format';

/**
 * When a resource can still be booked: its opening hours (read in its own time zone, so DST is
 * handled by the availability rules) minus the bookings that hold it. Intervals are half-open [start, end).
 */
export interface ResourceHours {
  availabilityRules: AvailabilityRules;
  timeZone: string;
}

/** The settings of a slot-based resource (an artist's studio visits). */
export interface VisitSettings {
  visitMinutes: number;
  /** Kept free before and after every other booking of the resource. */
  bufferMinutes: number;
  minNoticeMinutes: number;
}

const MINUTE = 60_000;

const later = (a: Date, b: Date) => (a > b ? a : b);

/** Removes the busy spans from the open intervals; what remains, in order. */
export function subtractBusy(open: Interval[], busy: Interval[]): Interval[] {
  const sorted = [...busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const free: Interval[] = [];
  for (const interval of open) {
    let cursor = interval.start;
    for (const taken of sorted) {
      if (taken.end <= cursor || taken.start >= interval.end) continue;
      if (taken.start > cursor) free.push({ start: cursor, end: taken.start });
      cursor = later(cursor, taken.end);
      if (cursor >= interval.end) break;
    }
    if (cursor < interval.end) free.push({ start: cursor, end: interval.end });
  }
  return free;
}

/** Open hours within [from, to), clipped to the window. */
function openWithin(resource: ResourceHours, from: Date, to: Date): Interval[] {
  return openIntervals(resource.availabilityRules, resource.timeZone, from, to).map((open) => ({
    start: later(open.start, from),
    end: open.end < to ? open.end : to,
  }));
}

const QUARTER_HOUR = 15 * MINUTE;

/**
 * Free time of a resource in [from, to): open hours minus busy spans, never before `earliest`
 * (now, or now plus a notice period), rounded up to the quarter hour so a free time offered today
 * starts at 2:00, not at 1:56 (every zone's offset is a whole number of quarter hours).
 */
export function freeIntervals(
  resource: ResourceHours,
  window: { from: Date; to: Date; earliest?: Date },
  busy: Interval[],
): Interval[] {
  const earliest = window.earliest && new Date(Math.ceil(window.earliest.getTime() / QUARTER_HOUR) * QUARTER_HOUR);
  const from = earliest ? later(window.from, earliest) : window.from;
  if (from >= window.to) return [];
  return subtractBusy(openWithin(resource, from, window.to), busy);
}

/** Free intervals cut at local midnight, so each belongs to one day of the resource's calendar. */
export function splitByLocalDay(intervals: Interval[], timeZone: string): { date: string; intervals: Interval[] }[] {
  const days = new Map<string, Interval[]>();
  for (const interval of intervals) {
    let start = DateTime.fromJSDate(interval.start, { zone: timeZone });
    const end = DateTime.fromJSDate(interval.end, { zone: timeZone });
    while (start < end) {
      const midnight = start.startOf('day').plus({ days: 1 });
      const pieceEnd = midnight < end ? midnight : end;
      const date = start.toISODate()!;
      if (!days.has(date)) days.set(date, []);
      days.get(date)!.push({ start: start.toJSDate(), end: pieceEnd.toJSDate() });
      start = pieceEnd;
    }
  }
  return [...days.entries()].map(([date, list]) => ({ date, intervals: list }));
}

/**
 * Visits start on a grid anchored at the start of each open interval, one every visit + buffer
 * minutes, so two back-to-back visits always keep the buffer between them.
 */
function gridStarts(open: Interval, settings: VisitSettings): Date[] {
  const step = (settings.visitMinutes + settings.bufferMinutes) * MINUTE;
  const length = settings.visitMinutes * MINUTE;
  const starts: Date[] = [];
  for (let at = open.start.getTime(); at + length <= open.end.getTime(); at += step) starts.push(new Date(at));
  return starts;
}

/** Busy spans widened by the buffer on both sides: a visit may not touch them. */
function withBuffer(busy: Interval[], bufferMinutes: number): Interval[] {
  const pad = bufferMinutes * MINUTE;
  return busy.map((b) => ({ start: new Date(b.start.getTime() - pad), end: new Date(b.end.getTime() + pad) }));
}

const overlapsAny = (slot: Interval, spans: Interval[]) => spans.some((s) => s.start < slot.end && slot.start < s.end);

/** Bookable visit slots in [from, to): on the grid, inside opening hours, clear of busy ± buffer, after now + notice. */
export function visitSlots(
  resource: ResourceHours & VisitSettings,
  window: { from: Date; to: Date; now: Date },
  busy: Interval[],
): Interval[] {
  const earliest = new Date(window.now.getTime() + resource.minNoticeMinutes * MINUTE);
  const blocked = withBuffer(busy, resource.bufferMinutes);
  const length = resource.visitMinutes * MINUTE;
  // The grid is anchored at the opening hours themselves, not at the window's edge.
  const open = openIntervals(resource.availabilityRules, resource.timeZone, window.from, window.to);
  return open.flatMap((interval) =>
    gridStarts(interval, resource)
      .map((start) => ({ start, end: new Date(start.getTime() + length) }))
      .filter(
        (slot) =>
          slot.start >= window.from && slot.end <= window.to && slot.start >= earliest && !overlapsAny(slot, blocked),
      ),
  );
}

export type VisitRefusal = { field: 'startsAt'; code: 'validation' | 'conflict'; message: string; blocking?: Interval };

/**
 * Why a visit starting at `start` cannot be requested, or undefined when it can. The server asks
 * this with the bookings it read under lock, in the transaction that inserts the visit; `time`
 * writes the instants of its messages (the organization's voice, in the artist's zone).
 */
export function checkVisitStart(
  resource: ResourceHours & VisitSettings,
  start: Date,
  now: Date,
  busy: Interval[],
  time: TimeFormatter,
): VisitRefusal | undefined {
  const end = new Date(start.getTime() + resource.visitMinutes * MINUTE);
  const earliest = new Date(now.getTime() + resource.minNoticeMinutes * MINUTE);
  if (start < earliest) {
    return {
      field: 'startsAt',
      code: 'validation',
      message: `must be at least ${describeMinutes(resource.minNoticeMinutes)} from now (the earliest is ${time.long(earliest)})`,
    };
  }
  const open = openIntervals(resource.availabilityRules, resource.timeZone, start, end).find(
    (o) => o.start <= start && end <= o.end,
  );
  const onGrid = open && gridStarts(open, resource).some((slot) => slot.getTime() === start.getTime());
  if (!onGrid) {
    return {
      field: 'startsAt',
      code: 'validation',
      message: `is not one of the visit slots (visits last ${resource.visitMinutes} minutes and start on the slots listed)`,
    };
  }
  const blocking = busy.find((b) => overlapsAny({ start, end }, withBuffer([b], resource.bufferMinutes)));
  if (blocking) {
    const clash = blocking.start < end && start < blocking.end;
    const when = time.longRange(blocking.start, blocking.end);
    return {
      field: 'startsAt',
      code: 'conflict',
      message: clash
        ? `is already taken: booked ${when}`
        : `is too close to the booking of ${when}: ${resource.bufferMinutes} minutes are kept free around each visit`,
      blocking,
    };
  }
  return undefined;
}

export function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}
