import { DateTime } from 'luxon';
import { isWithinAvailability, openIntervals } from '../availability';
import type { ExistingBooking, ResourceFacts } from './conflicts';
import type { DraftSnapshot } from './model';
import { occupantKey, RoomIndex, type Occupant } from './room-index';

/**
 * The shared machinery of conflict repairs (docs/design.md §5, ADR 035): the draft's items indexed
 * by room and time, what is wrong with one item, whether a slot is clean for it, and the nearest
 * clean slots of each kind. Everything is ordered by id, never by the order a Y.Map happens to
 * hold, so the same draft gives the same answers on every replica.
 */

export interface RepairContext {
  resources: Map<string, ResourceFacts>;
  existing: ExistingBooking[];
  /** Moves stay inside [from, to): the season. */
  within?: { from: Date; to: Date };
  /** Times move by whole steps from where the item is (default 15 minutes). */
  stepMinutes?: number;
}

/** Where an item is, or would be. */
export interface Slot {
  resourceId: string;
  startsAt: string;
  endsAt: string;
}

export type TroubleCode =
  | 'overlap'
  | 'booked_elsewhere'
  | 'outside_availability'
  | 'over_capacity'
  | 'unknown_resource'
  | 'not_bookable';

/** A session or block the search may move (live bookings never move). */
export interface Movable extends Occupant {
  kind: 'session' | 'block';
  /** Seats a session needs; a block needs none. */
  seats?: number;
}

export type SlotKind = 'other_room' | 'same_room_same_day' | 'same_room_same_week' | 'other_room_same_day';

export interface Placement {
  kind: SlotKind;
  resourceId: string;
  start: number;
  end: number;
}

interface Unread {
  sessions: DraftSnapshot['sessions'][string][];
  blocks: DraftSnapshot['blocks'][string][];
  bookings: ExistingBooking[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Epoch milliseconds of an ISO instant, NaN when the value is not one. */
function instant(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/**
 * Open intervals of a room's hours between two instants, remembered by zone, rules and span: the
 * same pure answer every time, so a board or a server asked again and again does the time-zone
 * arithmetic (the search's dearest step) once. Bounded: emptied when full.
 */
const openIntervalsSeen = new Map<string, { start: number; end: number }[]>();
const OPEN_INTERVALS_REMEMBERED = 20_000;

function openBetween(key: string, room: ResourceFacts, from: number, to: number): { start: number; end: number }[] {
  let open = openIntervalsSeen.get(key);
  if (!open) {
    open = openIntervals(room.availabilityRules, room.timeZone, new Date(from), new Date(to)).map((i) => ({
      start: i.start.getTime(),
      end: i.end.getTime(),
    }));
    if (openIntervalsSeen.size >= OPEN_INTERVALS_REMEMBERED) openIntervalsSeen.clear();
    openIntervalsSeen.set(key, open);
  }
  return open;
}

export class RepairPlanner {
  private readonly movables = new Map<string, Movable>();
  readonly index: RoomIndex;
  readonly step: number;
  /** Bookable rooms, smallest first: the smallest room that fits keeps the large ones free. */
  private readonly rooms: ResourceFacts[];
  /** Rooms with the same zone and rules share their open intervals: rooms mostly share their hours. */
  private readonly hoursKeys = new Map<string, string>();

  /** The draft's items and the live bookings by room, not yet read: a room is read when a search first touches it. */
  private readonly unread = new Map<string, Unread>();

  constructor(
    private readonly draft: DraftSnapshot,
    readonly context: RepairContext,
  ) {
    this.step = (context.stepMinutes ?? 15) * MINUTE;
    const pending = (resourceId: unknown) => {
      const key = String(resourceId);
      let entry = this.unread.get(key);
      if (!entry) {
        entry = { sessions: [], blocks: [], bookings: [] };
        this.unread.set(key, entry);
      }
      return entry;
    };
    for (const session of Object.values(draft.sessions))
      if (session) pending(session.resourceId).sessions.push(session);
    for (const block of Object.values(draft.blocks)) if (block) pending(block.resourceId).blocks.push(block);
    for (const booking of context.existing) pending(booking.resourceId).bookings.push(booking);
    this.index = new RoomIndex((resourceId) => {
      const entry = this.unread.get(resourceId);
      if (!entry) return [];
      this.unread.delete(resourceId);
      const occupants: Occupant[] = [];
      for (const session of entry.sessions) {
        const item = this.readSession(session);
        if (item) occupants.push(item);
      }
      for (const block of entry.blocks) {
        const item = this.readBlock(block);
        if (item) occupants.push(item);
      }
      for (const booking of entry.bookings)
        occupants.push({
          key: occupantKey('booking', booking.id),
          kind: 'booking',
          id: booking.id,
          title: booking.title,
          resourceId: booking.resourceId,
          start: booking.startsAt.getTime(),
          end: booking.endsAt.getTime(),
        });
      return occupants;
    });
    this.rooms = [...context.resources.values()]
      .filter((room) => room.bookable)
      .sort((a, b) => a.capacity - b.capacity || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  }

  // Every item with readable times occupies its room, even one the item checks would refuse for
  // another field: a repair never lands on anything that is there.
  private readSession(session: DraftSnapshot['sessions'][string]): Occupant | undefined {
    const [start, end] = [instant(session.startsAt), instant(session.endsAt)];
    if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
    const workshop = this.draft.workshops[session.workshopKey];
    const seats = session.capacity ?? workshop?.capacity;
    const item: Movable = {
      key: occupantKey('session', session.id),
      kind: 'session',
      id: session.id,
      title: workshop?.title ?? session.workshopKey,
      resourceId: session.resourceId,
      start,
      end,
      seats: typeof seats === 'number' ? seats : undefined,
    };
    if (end > start) this.movables.set(item.key, item);
    return item;
  }

  private readBlock(block: DraftSnapshot['blocks'][string]): Occupant | undefined {
    const [start, end] = [instant(block.startsAt), instant(block.endsAt)];
    if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
    const item: Movable = {
      key: occupantKey('block', block.id),
      kind: 'block',
      id: block.id,
      title: block.title,
      resourceId: block.resourceId,
      start,
      end,
    };
    if (end > start) this.movables.set(item.key, item);
    return item;
  }

  /** Reads the room's occupants into the index, if no search has yet. */
  private touch(resourceId: unknown): void {
    this.index.overlapping(String(resourceId), 0, 0);
  }

  /** Every movable item of the draft, by key (reads every room). */
  get items(): Map<string, Movable> {
    for (const resourceId of [...this.unread.keys()]) this.touch(resourceId);
    return this.movables;
  }

  /** The item by its session or block id (sessions first when both kinds share an id). */
  find(id: string): Movable | undefined {
    for (const item of [this.draft.sessions[id], this.draft.blocks[id]]) if (item) this.touch(item.resourceId);
    return this.movables.get(occupantKey('session', id)) ?? this.movables.get(occupantKey('block', id));
  }

  /** What is wrong with the item where it is now, in a fixed order. */
  troubles(item: Movable): TroubleCode[] {
    const room = this.context.resources.get(item.resourceId);
    if (!room) return ['unknown_resource'];
    if (!room.bookable) return ['not_bookable'];
    const codes: TroubleCode[] = [];
    const others = this.index.overlapping(item.resourceId, item.start, item.end, new Set([item.key]));
    if (others.some((o) => o.kind !== 'booking')) codes.push('overlap');
    if (others.some((o) => o.kind === 'booking')) codes.push('booked_elsewhere');
    if (!this.isOpen(room, item.start, item.end)) codes.push('outside_availability');
    if (item.seats !== undefined && item.seats > room.capacity) codes.push('over_capacity');
    return codes;
  }

  /** The draft items (not bookings) in the way of the item where it is. */
  draftItemsInTheWay(item: Movable): Movable[] {
    return this.index
      .overlapping(item.resourceId, item.start, item.end, new Set([item.key]))
      .flatMap((o) => (o.kind === 'booking' ? [] : [this.movables.get(o.key) ?? (o as Movable)]));
  }

  /** True when the item could sit at [start, end) in the room with nothing wrong: the one test every suggestion passes. */
  fits(item: Movable, resourceId: string, start: number, end: number): boolean {
    const room = this.context.resources.get(resourceId);
    if (!room?.bookable) return false;
    if (item.seats !== undefined && item.seats > room.capacity) return false;
    const within = this.context.within;
    if (within && (start < within.from.getTime() || end > within.to.getTime())) return false;
    if (!this.index.isFree(resourceId, start, end, new Set([item.key]))) return false;
    return this.isOpen(room, start, end);
  }

  /**
   * isWithinAvailability, answered from the room's open intervals of [day − 1, day + 2) for a span
   * of at most a day (the same merged intervals that function reads); longer spans ask it directly.
   */
  isOpen(room: ResourceFacts, start: number, end: number): boolean {
    const rules = room.availabilityRules;
    if (!rules.weekly && !rules.exceptions?.length && !rules.blackouts?.length) return true;
    if (end - start > DAY) return isWithinAvailability(rules, room.timeZone, new Date(start), new Date(end));
    const day = Math.floor(start / DAY);
    const key = `${this.hoursKey(room)}|${day}`;
    const open = openBetween(key, room, (day - 1) * DAY, (day + 2) * DAY);
    return open.some((interval) => interval.start <= start && end <= interval.end);
  }

  private hoursKey(room: ResourceFacts): string {
    let key = this.hoursKeys.get(room.id);
    if (key === undefined) {
      key = `${room.timeZone}|${JSON.stringify(room.availabilityRules)}`;
      this.hoursKeys.set(room.id, key);
    }
    return key;
  }

  /** Rooms where the item could be at the same time: bookable, of the same type as its room (any type when its room is unknown). */
  private sameTypeRooms(item: Movable): ResourceFacts[] {
    const type = this.context.resources.get(item.resourceId)?.type;
    return this.rooms.filter((room) => room.id !== item.resourceId && (type === undefined || room.type === type));
  }

  /** The same time in other rooms of the same type, smallest room first. */
  otherRooms(item: Movable, limit: number): Placement[] {
    const found: Placement[] = [];
    for (const room of this.sameTypeRooms(item)) {
      if (found.length >= limit) break;
      if (this.fits(item, room.id, item.start, item.end))
        found.push({ kind: 'other_room', resourceId: room.id, start: item.start, end: item.end });
    }
    return found;
  }

  /**
   * The nearest clean starts in one room, by whole steps from the item's start: on the item's own
   * local day (`day`) or elsewhere in its local week, Monday to Sunday (`week`). Found from the free
   * gaps (opening hours less what is there), so the cost follows the room's occupants, not the
   * number of steps. Nearest first, earlier first on a tie.
   */
  nearestTimes(item: Movable, resourceId: string, scope: 'day' | 'week', limit: number): Placement[] {
    const room = this.context.resources.get(resourceId);
    if (!room?.bookable || (item.seats !== undefined && item.seats > room.capacity)) return [];
    const local = DateTime.fromMillis(item.start, { zone: room.timeZone });
    const dayStart = local.startOf('day').toMillis();
    const dayEnd = local.startOf('day').plus({ days: 1 }).toMillis();
    const [windowStart, windowEnd] =
      scope === 'day'
        ? [dayStart, dayEnd]
        : [local.startOf('week').toMillis(), local.startOf('week').plus({ weeks: 1 }).toMillis()];
    const from = Math.max(windowStart, this.context.within?.from.getTime() ?? -Infinity);
    const to = Math.min(windowEnd, this.context.within?.to.getTime() ?? Infinity);
    if (to <= from) return [];
    const duration = item.end - item.start;
    const ignored = new Set([item.key]);
    const busy = this.index.overlapping(resourceId, from, to, ignored);
    const windowKey = `${this.hoursKey(room)}|${from}|${to}`;
    const open = openBetween(windowKey, room, from, to);
    const sameDay = (start: number) => start >= dayStart && start < dayEnd;
    const shifts: number[] = [];
    for (const interval of open) {
      let cursor = Math.max(interval.start, from);
      const intervalEnd = Math.min(interval.end, to);
      for (const occupant of [...busy, null]) {
        const gapEnd = occupant ? Math.min(occupant.start, intervalEnd) : intervalEnd;
        if (gapEnd - cursor >= duration) {
          // Whole steps k with cursor <= start + k·step and start + k·step + duration <= gapEnd.
          const lowest = Math.ceil((cursor - item.start) / this.step);
          const highest = Math.floor((gapEnd - duration - item.start) / this.step);
          if (lowest <= highest) {
            if (highest < 0) shifts.push(highest);
            else if (lowest > 0) shifts.push(lowest);
            else shifts.push(...[-1, 1].filter((k) => k >= lowest && k <= highest));
          }
        }
        if (!occupant || occupant.start >= intervalEnd) break;
        cursor = Math.max(cursor, occupant.end);
        if (cursor >= intervalEnd) break;
      }
    }
    const starts = shifts
      .map((k) => item.start + k * this.step)
      .filter((start) => start !== item.start && (scope === 'day' || !sameDay(start)))
      .sort((a, b) => Math.abs(a - item.start) - Math.abs(b - item.start) || a - b);
    const found: Placement[] = [];
    for (const start of starts) {
      if (found.length >= limit) break;
      // The gaps say the slot is free and open; fits() says so once more, with the same test as every other suggestion.
      if (this.fits(item, resourceId, start, start + duration))
        found.push({
          kind: scope === 'day' ? 'same_room_same_day' : 'same_room_same_week',
          resourceId,
          start,
          end: start + duration,
        });
    }
    return found;
  }

  /**
   * The best clean slot for the item, trying in order: the same time in another room, the same room
   * the same day, the same room that week, then, with `wider`, another room of the same type the same day.
   */
  bestPlacement(item: Movable, wider = false): Placement | undefined {
    const placement =
      this.otherRooms(item, 1)[0] ??
      this.nearestTimes(item, item.resourceId, 'day', 1)[0] ??
      this.nearestTimes(item, item.resourceId, 'week', 1)[0];
    if (placement || !wider) return placement;
    let best: Placement | undefined;
    for (const room of this.sameTypeRooms(item)) {
      const candidate = this.nearestTimes(item, room.id, 'day', 1)[0];
      if (candidate && (!best || Math.abs(candidate.start - item.start) < Math.abs(best.start - item.start)))
        best = { ...candidate, kind: 'other_room_same_day' };
    }
    return best;
  }

  /** Moves the item in the index (and so in every later search). */
  move(item: Movable, to: { resourceId: string; start: number; end: number }): Movable {
    this.index.remove(item);
    const moved: Movable = { ...item, resourceId: to.resourceId, start: to.start, end: to.end };
    this.index.add(moved);
    this.movables.set(item.key, moved);
    return moved;
  }
}

export function slotOf(place: { resourceId: string; start: number; end: number }): Slot {
  return {
    resourceId: place.resourceId,
    startsAt: new Date(place.start).toISOString(),
    endsAt: new Date(place.end).toISOString(),
  };
}
