import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMoves } from './apply-moves';
import { isWithinAvailability } from '../availability';
import type { ExistingBooking } from './conflicts';
import type { DraftItemsInput, DraftSnapshot } from './model';
import type { RepairContext } from './repair-planner';
import { docWith, generateDraft, ROOM_IDS, ROOMS, seededRandom, snapshot, tuesday } from './repair-fixtures';
import { suggestRepairs, type SlotMove } from './suggestions';

const { classroom1, hall, kiln } = ROOM_IDS;
const printing = { key: 'print', title: 'Intro to Screen Printing', capacity: 10, tags: [], isPublic: true };
const riso = { key: 'riso', title: 'Risograph basics', capacity: 10, tags: [], isPublic: true };

const at = (resourceId: string, from: number, to: number, dayOffset = 0) => ({
  resourceId,
  startsAt: tuesday(from, dayOffset),
  endsAt: tuesday(to, dayOffset),
});
const summary = (result: ReturnType<typeof suggestRepairs>) =>
  result?.suggestions.map((s) => [
    s.kind,
    ...s.moves.map((m) => `${m.id}→${m.to.resourceId.slice(0, 1)}@${m.to.startsAt}`),
  ]);

describe('suggestions for one conflict', () => {
  it('offers the same time in other rooms of the same type, smallest first, then the nearest times in the same room', () => {
    const draft = snapshot(
      docWith({
        workshops: [printing, riso],
        sessions: [
          { id: 'a', workshopKey: 'print', ...at(classroom1, 18, 20) },
          { id: 'b', workshopKey: 'riso', ...at(classroom1, 19, 21) },
          { id: 'c', workshopKey: 'riso', ...at(classroom1, 16, 18) },
        ],
      }),
    );
    const result = suggestRepairs(draft, { resources: ROOMS, existing: [] }, 'a');
    expect(result?.troubles).toEqual(['overlap']);
    expect(summary(result)).toEqual([
      ['other_room', `a→2@${tuesday(18)}`],
      ['other_room', `a→3@${tuesday(18)}`],
      // 16:00–18:00 and 19:00–21:00 are taken and the room closes at 21:00: the nearest two free hours that day end at 16:00.
      ['same_room_same_day', `a→1@${tuesday(14)}`],
      // Elsewhere in the week, the nearest in time: Wednesday at opening, then Monday before closing.
      ['same_room_same_week', `a→1@${tuesday(9, 1)}`],
      ['same_room_same_week', `a→1@${tuesday(19, -1)}`],
      // Or the other side moves: to another room at its own time, or to the nearest free time in its room.
      ['move_other_side', `b→2@${tuesday(19)}`],
      ['move_other_side', `b→1@${tuesday(14)}`],
    ]);
    // Never the kiln (equipment) nor the room that cannot be booked.
    expect(JSON.stringify(result)).not.toContain(kiln);
    expect(JSON.stringify(result)).not.toContain(ROOM_IDS.closed);
  });

  it('leaves out a room with a live booking in the way, and rooms too small for the seats', () => {
    const draft = snapshot(
      docWith({
        workshops: [{ ...printing, capacity: 16 }],
        sessions: [{ id: 'a', workshopKey: 'print', ...at(classroom1, 18, 20) }],
      }),
    );
    const rental: ExistingBooking = {
      id: 'rental',
      title: 'Private rental',
      resourceId: hall,
      startsAt: new Date(tuesday(17)),
      endsAt: new Date(tuesday(19)),
    };
    const result = suggestRepairs(draft, { resources: ROOMS, existing: [rental] }, 'a');
    expect(result?.troubles).toEqual(['over_capacity']);
    // Classroom 2 holds 12 and the hall is booked at that time; another time in Classroom 1 never cures too many seats.
    expect(result?.suggestions).toEqual([]);
    const free = suggestRepairs(draft, { resources: ROOMS, existing: [] }, 'a');
    expect(summary(free)).toEqual([['other_room', `a→3@${tuesday(18)}`]]);
  });

  it('moves within opening hours only, and within the season when one is given', () => {
    const draft = snapshot(
      docWith({ workshops: [printing], sessions: [{ id: 'late', workshopKey: 'print', ...at(classroom1, 20, 22) }] }),
    );
    const context = {
      resources: ROOMS,
      existing: [],
      within: { from: new Date(tuesday(0)), to: new Date(tuesday(24)) },
    };
    const result = suggestRepairs(draft, context, 'late', { rooms: 0 });
    expect(result?.troubles).toEqual(['outside_availability']);
    // The nearest start that ends by closing time; nothing the next days, which are outside the season.
    expect(summary(result)).toEqual([['same_room_same_day', `late→1@${tuesday(19)}`]]);
  });

  it('answers nothing for an item that does not exist, and no suggestions for one without trouble', () => {
    const draft = snapshot(
      docWith({ workshops: [printing], sessions: [{ id: 'fine', workshopKey: 'print', ...at(classroom1, 10, 12) }] }),
    );
    expect(suggestRepairs(draft, { resources: ROOMS, existing: [] }, 'nope')).toBeUndefined();
    expect(suggestRepairs(draft, { resources: ROOMS, existing: [] }, 'fine')?.suggestions).toEqual([]);
  });
});

/**
 * What is wrong with one item where it is, worked out the slow, obvious way (every other item
 * looked at, availability asked directly): the oracle the search is checked against.
 */
function wrongWithItem(draft: DraftSnapshot, context: RepairContext, id: string): string[] {
  const item = draft.sessions[id] ?? draft.blocks[id];
  const room = context.resources.get(item.resourceId);
  if (!room?.bookable) return ['room'];
  const [start, end] = [new Date(item.startsAt), new Date(item.endsAt)];
  const wrong: string[] = [];
  const session = draft.sessions[id];
  const seats = session ? (session.capacity ?? draft.workshops[session.workshopKey]?.capacity) : undefined;
  if (seats !== undefined && seats > room.capacity) wrong.push('seats');
  if (!isWithinAvailability(room.availabilityRules, room.timeZone, start, end)) wrong.push('hours');
  const others = [...Object.values(draft.sessions), ...Object.values(draft.blocks), ...context.existing];
  for (const other of others) {
    if (other.id === id || other.resourceId !== item.resourceId) continue;
    if (new Date(other.startsAt) < end && new Date(other.endsAt) > start) wrong.push(`overlaps ${other.id}`);
  }
  if (context.within && (start < context.within.from || end > context.within.to)) wrong.push('outside the season');
  return wrong;
}

describe('suggestions, over 60 generated drafts (fixed seed)', () => {
  it('never propose a slot that is taken, closed, too small or outside the season, always repair the item, and are the same whatever order the draft holds its items', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const { items, resources, existing } = generateDraft(seededRandom(seed), {
          rooms: 6,
          sessions: 30,
          bookings: 5,
        });
        const draft = snapshot(docWith(items));
        const context: RepairContext = {
          resources,
          existing,
          within: { from: new Date(tuesday(0, -1)), to: new Date(tuesday(0, 4)) },
        };
        const reversed = snapshot(docWith({ ...items, sessions: [...(items.sessions ?? [])].reverse() }));
        const ids = Object.keys(draft.sessions).sort();
        for (const id of ids) {
          const result = suggestRepairs(draft, context, id)!;
          // The search's own trouble check agrees with the slow one (the season bound aside: items start inside it).
          expect(result.troubles.length > 0).toBe(wrongWithItem(draft, { resources, existing }, id).length > 0);
          if (result.troubles.length === 0) continue;
          expect(suggestRepairs(reversed, context, id)).toEqual(result);
          for (const suggestion of result.suggestions) {
            const after = snapshot(applied(items, suggestion.moves));
            // Each moved item is clean where it went, and the item asked about is clean wherever it is.
            for (const move of suggestion.moves) expect(wrongWithItem(after, context, move.id)).toEqual([]);
            expect(wrongWithItem(after, { resources, existing }, id)).toEqual([]);
            checked++;
          }
        }
      }),
      { seed: 20261208, numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(300);
  }, 240_000);
});

function applied(items: DraftItemsInput, moves: SlotMove[]) {
  const doc = docWith(items);
  expect(applyMoves(doc, moves).applied).toBe(true);
  return doc;
}
