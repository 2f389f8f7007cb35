/**
 * What occupies each room, sorted by start: draft sessions and blocks and live bookings. The repair
 * search asks "what is in this room between these two instants?" thousands of times on a draft of
 * thousands of items, so each room keeps its occupants sorted and answers by binary search.
 */
export interface Occupant {
  /** `session:<id>`, `block:<id>` or `booking:<id>`: unique across the three kinds. */
  key: string;
  kind: 'session' | 'block' | 'booking';
  id: string;
  title: string;
  resourceId: string;
  /** Epoch milliseconds, half-open [start, end). */
  start: number;
  end: number;
}

export const occupantKey = (kind: Occupant['kind'], id: string) => `${kind}:${id}`;

const byStart = (a: Occupant, b: Occupant) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export class RoomIndex {
  private readonly rooms = new Map<string, Occupant[]>();
  /** The longest occupant each room has held: how far back an overlap can start. Never shrinks. */
  private readonly longest = new Map<string, number>();

  /** `load` gives a room's occupants the first time the room is asked about: most searches touch few rooms. */
  constructor(private readonly load: (resourceId: string) => Occupant[]) {}

  private list(resourceId: string): Occupant[] {
    let list = this.rooms.get(resourceId);
    if (!list) {
      list = this.load(resourceId).sort(byStart);
      for (const occupant of list) this.noteLength(occupant);
      this.rooms.set(resourceId, list);
    }
    return list;
  }

  private noteLength(occupant: Occupant) {
    const length = occupant.end - occupant.start;
    if (length > (this.longest.get(occupant.resourceId) ?? 0)) this.longest.set(occupant.resourceId, length);
  }

  /** Index of the first occupant starting at or after `at`. */
  private static firstStartingAt(list: Occupant[], at: number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle].start < at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Occupants of the room overlapping [start, end), by start, leaving out the `ignored` keys. */
  overlapping(resourceId: string, start: number, end: number, ignored?: ReadonlySet<string>): Occupant[] {
    const list = this.list(resourceId);
    const earliest = start - (this.longest.get(resourceId) ?? 0);
    const found: Occupant[] = [];
    for (let i = RoomIndex.firstStartingAt(list, end) - 1; i >= 0 && list[i].start >= earliest; i--) {
      const occupant = list[i];
      if (occupant.end > start && !ignored?.has(occupant.key)) found.push(occupant);
    }
    return found.reverse();
  }

  isFree(resourceId: string, start: number, end: number, ignored?: ReadonlySet<string>): boolean {
    return this.overlapping(resourceId, start, end, ignored).length === 0;
  }

  add(occupant: Occupant): void {
    const list = this.list(occupant.resourceId);
    list.push(occupant);
    list.sort(byStart);
    this.noteLength(occupant);
  }

  remove(occupant: Occupant): void {
    const list = this.list(occupant.resourceId);
    const at = list.findIndex((o) => o.key === occupant.key);
    if (at >= 0) list.splice(at, 1);
  }
}
