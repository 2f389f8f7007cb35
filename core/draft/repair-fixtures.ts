import * as Y from 'yjs';
import type { ExistingBooking, ResourceFacts } from './conflicts';
import { addDraftItems, readDraft, type DraftItemsInput, type DraftSnapshot } from './model';

/**
 * Rooms, drafts and random drafts for the repair tests and the bench: fixed instants in
 * America/New_York (Tuesday 8 December 2026 is in EST, UTC−5: 18:00 local is 23:00Z).
 */
export const ZONE = 'America/New_York';
export const ROOM_IDS = {
  classroom1: '11111111-1111-4111-8111-111111111111',
  classroom2: '22222222-2222-4222-8222-222222222222',
  hall: '33333333-3333-4333-8333-333333333333',
  kiln: '44444444-4444-4444-8444-444444444444',
  closed: '55555555-5555-4555-8555-555555555555',
} as const;

const nineToNine = { start: '09:00', end: '21:00' };
const everyDay = { mon: [nineToNine], tue: [nineToNine], wed: [nineToNine], thu: [nineToNine], fri: [nineToNine] };

function room(id: string, title: string, type: string, capacity: number, bookable = true): ResourceFacts {
  return { id, title, type, capacity, timeZone: ZONE, bookable, availabilityRules: { weekly: everyDay } };
}

export const ROOMS = new Map<string, ResourceFacts>([
  [ROOM_IDS.classroom1, room(ROOM_IDS.classroom1, 'Classroom 1', 'space', 12)],
  [ROOM_IDS.classroom2, room(ROOM_IDS.classroom2, 'Classroom 2', 'space', 12)],
  [ROOM_IDS.hall, room(ROOM_IDS.hall, 'Big hall', 'space', 40)],
  [ROOM_IDS.kiln, room(ROOM_IDS.kiln, 'Kiln', 'equipment', 40)],
  [ROOM_IDS.closed, room(ROOM_IDS.closed, 'Old annex', 'space', 40, false)],
]);

/** An instant on Tuesday 8 December 2026, given as a local (EST) hour, possibly fractional. */
export const tuesday = (localHour: number, dayOffset = 0) =>
  new Date(Date.UTC(2026, 11, 8 + dayOffset, 5) + localHour * 3_600_000).toISOString();

export function docWith(items: DraftItemsInput): Y.Doc {
  const doc = new Y.Doc();
  let n = 0;
  addDraftItems(doc, items, () => `gen-${++n}`);
  return doc;
}

export const snapshot = (doc: Y.Doc): DraftSnapshot => readDraft(doc, { descriptions: false });

/** mulberry32: a small seeded generator, so a "random" draft is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GeneratedDraft {
  items: DraftItemsInput;
  resources: Map<string, ResourceFacts>;
  existing: ExistingBooking[];
}

/**
 * A season week of `rooms` rooms (two types, capacities 8–40, open 9:00–21:00 on weekdays, some all
 * week) with `sessions` sessions of 1–3 hours and a few live bookings, placed at random on a
 * quarter-hour grid so that some overlap, some fall outside the hours and some have too many seats.
 */
export function generateDraft(
  random: () => number,
  options: { rooms: number; sessions: number; bookings: number; days?: number },
): GeneratedDraft {
  const pick = (n: number) => Math.floor(random() * n);
  const days = options.days ?? 5;
  const resources = new Map<string, ResourceFacts>();
  const roomIds: string[] = [];
  for (let r = 0; r < options.rooms; r++) {
    const id = `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    roomIds.push(id);
    resources.set(id, {
      id,
      title: `Room ${r}`,
      type: r % 4 === 3 ? 'equipment' : 'space',
      capacity: [8, 12, 16, 24, 40][pick(5)],
      timeZone: ZONE,
      bookable: true,
      availabilityRules: r % 5 === 4 ? {} : { weekly: everyDay },
    });
  }
  const slot = () => {
    const day = pick(days);
    const startHour = 8 + pick(13 * 4) / 4;
    const hours = 1 + pick(9) / 4;
    return { startsAt: tuesday(startHour, day - 1), endsAt: tuesday(startHour + hours, day - 1) };
  };
  const workshops = [8, 12, 16, 24].map((capacity, n) => ({
    key: `w${n}`,
    title: `Workshop ${n}`,
    capacity,
    tags: [],
    isPublic: true,
  }));
  const sessions = Array.from({ length: options.sessions }, (_, n) => ({
    id: `s${n}`,
    workshopKey: `w${pick(workshops.length)}`,
    resourceId: roomIds[pick(roomIds.length)],
    ...slot(),
  }));
  const existing = Array.from({ length: options.bookings }, (_, n) => {
    const { startsAt, endsAt } = slot();
    return {
      id: `booking-${n}`,
      title: `Rental ${n}`,
      resourceId: roomIds[pick(roomIds.length)],
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
    };
  });
  return { items: { workshops, sessions }, resources, existing };
}
