import type { DraftSnapshot } from './model';
import {
  RepairPlanner,
  slotOf,
  type Movable,
  type Placement,
  type RepairContext,
  type Slot,
  type SlotKind,
  type TroubleCode,
} from './repair-planner';

/**
 * Conflicts that suggest their fixes (docs/design.md §5, ADR 035): for one troubled session or
 * block, the nearest repairs — the same time in another room of the same type that is free, open
 * and large enough; the same room at the nearest free time within its opening hours (the same day,
 * then the same week); or moving the other side. Every suggestion is a list of moves that leaves
 * each moved item in a clean slot (free in the draft and among live bookings, open, large enough).
 */

export interface SlotMove {
  kind: 'session' | 'block';
  id: string;
  title: string;
  from: Slot;
  to: Slot;
}

export type SuggestionKind = SlotKind | 'move_other_side';

export interface Suggestion {
  kind: SuggestionKind;
  moves: SlotMove[];
}

export interface ItemSuggestions {
  item: { kind: 'session' | 'block'; id: string; title: string };
  /** What is wrong with the item now; no trouble, no suggestions. */
  troubles: TroubleCode[];
  suggestions: Suggestion[];
}

export interface SuggestionLimits {
  /** Other rooms at the same time (default 3). */
  rooms?: number;
  /** Times in the same room, on the same day and elsewhere in the week, each (default 2). */
  times?: number;
  /** The most items "the other side" may be (default 3): more than that is no longer a small repair. */
  otherSide?: number;
}

export function moveOf(item: Movable, to: Placement | { resourceId: string; start: number; end: number }): SlotMove {
  return { kind: item.kind, id: item.id, title: item.title, from: slotOf(item), to: slotOf(to) };
}

/**
 * Moves the items in the way of `item` elsewhere, one after the other, each to its best slot given
 * where the ones before it went. Leaves the planner as it found it; undefined when one cannot move.
 */
function moveOtherSide(planner: RepairPlanner, others: Movable[], first?: Placement): SlotMove[] | undefined {
  const done: { before: Movable; after: Movable }[] = [];
  let moves: SlotMove[] | undefined = [];
  for (const [n, other] of others.entries()) {
    const to = n === 0 && first ? first : planner.bestPlacement(other);
    if (!to) {
      moves = undefined;
      break;
    }
    moves.push(moveOf(other, to));
    done.push({ before: other, after: planner.move(other, to) });
  }
  for (const { before, after } of done.reverse()) planner.move(after, before);
  return moves;
}

/** The repairs for one item of a prepared planner (see suggestRepairs). */
export function suggestWithPlanner(
  planner: RepairPlanner,
  itemId: string,
  limits: SuggestionLimits = {},
): ItemSuggestions | undefined {
  const item = planner.find(itemId);
  if (!item) return undefined;
  const troubles = planner.troubles(item);
  const answer: ItemSuggestions = {
    item: { kind: item.kind, id: item.id, title: item.title },
    troubles,
    suggestions: [],
  };
  if (troubles.length === 0) return answer;
  const rooms = limits.rooms ?? 3;
  const times = limits.times ?? 2;
  const own: Placement[] = [
    ...planner.otherRooms(item, rooms),
    ...planner.nearestTimes(item, item.resourceId, 'day', times),
    ...planner.nearestTimes(item, item.resourceId, 'week', times),
  ];
  answer.suggestions = own.map((to) => ({ kind: to.kind, moves: [moveOf(item, to)] }));

  // Moving the other side repairs the item only when overlapping other draft items is all that is wrong.
  const others = troubles.length === 1 && troubles[0] === 'overlap' ? planner.draftItemsInTheWay(item) : [];
  if (others.length > 0 && others.length <= (limits.otherSide ?? 3)) {
    const firstChoices: (Placement | undefined)[] =
      others.length === 1
        ? [planner.otherRooms(others[0], 1)[0], planner.nearestTimes(others[0], others[0].resourceId, 'day', 1)[0]]
        : [undefined];
    for (const first of firstChoices.filter((choice, n) => choice !== undefined || n === 0)) {
      const moves = moveOtherSide(planner, others, first);
      if (moves && !answer.suggestions.some((s) => JSON.stringify(s.moves) === JSON.stringify(moves)))
        answer.suggestions.push({ kind: 'move_other_side', moves });
    }
  }
  return answer;
}

/**
 * The nearest repairs for the session or block `itemId`: undefined when the draft has no such item
 * (or its times cannot be read), no suggestions when nothing is wrong with it. Pure and
 * deterministic: the same draft and context give the same suggestions in the same order.
 */
export function suggestRepairs(
  draft: DraftSnapshot,
  context: RepairContext,
  itemId: string,
  limits?: SuggestionLimits,
): ItemSuggestions | undefined {
  return suggestWithPlanner(new RepairPlanner(draft, context), itemId, limits);
}
