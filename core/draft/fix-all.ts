import type { ProblemCode } from './conflicts';
import { invalidItemProblems } from './item-checks';
import type { DraftSnapshot } from './model';
import { RepairPlanner, type Movable, type RepairContext } from './repair-planner';
import { occupantKey } from './room-index';
import { moveOf, type SlotMove } from './suggestions';

/**
 * Fix all (docs/design.md §5, ADR 035): one plan of moves for every problem of the draft that a move
 * can repair, moving as few items as it can and never into a slot that is taken, closed or too small.
 *
 * Greedy, in two steps. Which items move: every item that is wrong where it is whatever its
 * neighbours do (a live booking in the way, closed hours, too few seats, a room that cannot be
 * booked) must move; of items that only overlap each other, each room keeps the most it can — the
 * earliest-ending first, which is the largest set of non-overlapping intervals — and moves the rest.
 * That is the fewest moves any repair can make (`fewestPossible`). Where they go: one after the other,
 * by start, each to its best clean slot given the moves before it. An item that finds none stays,
 * and the items it overlaps are moved instead when they all can; otherwise it is named as unresolved.
 */

export interface UnresolvedItem {
  item: { kind: 'session' | 'block'; id: string; title: string };
  problems: ProblemCode[];
  /** `not_movable`: wrong in a way no move repairs; `no_free_slot`: nowhere clean to go; `over_limit`: the plan was full. */
  reason: 'not_movable' | 'no_free_slot' | 'over_limit';
  message: string;
}

export interface FixAllPlan {
  moves: SlotMove[];
  unresolved: UnresolvedItem[];
  stats: {
    /** Items with a problem. */
    troubled: number;
    moved: number;
    /** The fewest moves that repair every movable problem: what the plan would move if every item found a slot. */
    fewestPossible: number;
    unresolved: number;
  };
}

const byStartThenKey = (a: Movable, b: Movable) => a.start - b.start || (a.key < b.key ? -1 : 1);

/** The largest set of items of one room that do not overlap: earliest end first. */
function keepMost(items: Movable[]): Set<string> {
  const kept = new Set<string>();
  let keptUntil = -Infinity;
  for (const item of [...items].sort((a, b) => a.end - b.end || a.start - b.start || (a.key < b.key ? -1 : 1))) {
    if (item.start >= keptUntil) {
      kept.add(item.key);
      keptUntil = item.end;
    }
  }
  return kept;
}

export function planFixAll(
  draft: DraftSnapshot,
  context: RepairContext,
  options: { maxMoves?: number } = {},
): FixAllPlan {
  const maxMoves = options.maxMoves ?? 1_000;
  const planner = new RepairPlanner(draft, context);
  const codes = new Map<string, ProblemCode[]>();
  const sides = new Map<string, { kind: 'session' | 'block'; id: string; title: string }>();
  const note = (key: string, side: { kind: 'session' | 'block'; id: string; title: string }, code: ProblemCode) => {
    codes.set(key, [...(codes.get(key) ?? []), code]);
    sides.set(key, side);
  };
  // Wrong fields and missing workshops are the same problems findProblems reports; no move repairs them.
  const unmovable = new Set<string>();
  for (const problem of invalidItemProblems(draft)) {
    if (problem.item.kind !== 'session' && problem.item.kind !== 'block') continue;
    const key = occupantKey(problem.item.kind, problem.item.id);
    if (!codes.get(key)?.includes('invalid_item')) note(key, problem.item as UnresolvedItem['item'], 'invalid_item');
    unmovable.add(key);
  }
  for (const key of [...planner.items.keys()].sort()) {
    const item = planner.items.get(key)!;
    const side = { kind: item.kind, id: item.id, title: item.title };
    if (unmovable.has(key)) continue;
    const session = item.kind === 'session' ? draft.sessions[item.id] : undefined;
    if (session && !draft.workshops[session.workshopKey]) {
      note(key, side, 'unknown_workshop');
      unmovable.add(key);
      continue;
    }
    for (const code of planner.troubles(item)) note(key, side, code);
  }

  const unresolved: UnresolvedItem[] = [];
  const forced: Movable[] = [];
  const overlapOnly: Movable[] = [];
  for (const key of [...codes.keys()].sort()) {
    const found = codes.get(key)!;
    const item = planner.items.get(key);
    if (!item || unmovable.has(key)) {
      unresolved.push({
        item: sides.get(key)!,
        problems: found,
        reason: 'not_movable',
        message: 'its fields are wrong in a way no move repairs; correct the item itself',
      });
    } else if (found.length === 1 && found[0] === 'overlap') overlapOnly.push(item);
    else forced.push(item);
  }

  const byRoom = new Map<string, Movable[]>();
  for (const item of overlapOnly) byRoom.set(item.resourceId, [...(byRoom.get(item.resourceId) ?? []), item]);
  const movers = [...forced];
  for (const items of byRoom.values()) {
    const kept = keepMost(items);
    movers.push(...items.filter((item) => !kept.has(item.key)));
  }
  movers.sort(byStartThenKey);
  const forcedKeys = new Set(forced.map((item) => item.key));

  const moves: SlotMove[] = [];
  const stuck: Movable[] = [];
  for (const mover of movers) {
    if (moves.length >= maxMoves) {
      unresolved.push({
        item: sides.get(mover.key)!,
        problems: codes.get(mover.key)!,
        reason: 'over_limit',
        message: `the plan already moves ${maxMoves} items, the most one plan may`,
      });
      continue;
    }
    const item = planner.items.get(mover.key)!;
    const to = planner.bestPlacement(item, true);
    if (!to) {
      stuck.push(item);
      continue;
    }
    moves.push(moveOf(item, to));
    planner.move(item, to);
  }

  // An item with nowhere to go that only overlaps others stays, if everything in its way can move.
  for (const item of stuck) {
    const inTheWay = forcedKeys.has(item.key) ? [] : planner.draftItemsInTheWay(item);
    const placed: SlotMove[] = [];
    const done: { before: Movable; after: Movable }[] = [];
    for (const other of inTheWay) {
      const to = moves.length + placed.length < maxMoves ? planner.bestPlacement(other, true) : undefined;
      if (!to) break;
      placed.push(moveOf(other, to));
      done.push({ before: other, after: planner.move(other, to) });
    }
    if (inTheWay.length > 0 && placed.length === inTheWay.length) {
      moves.push(...placed);
      continue;
    }
    for (const { before, after } of done.reverse()) planner.move(after, before);
    unresolved.push({
      item: sides.get(item.key)!,
      problems: codes.get(item.key)!,
      reason: 'no_free_slot',
      message:
        'no room of the same type is free, open and large enough at that time or that day, and its own room has no such time that week',
    });
  }

  // An item moved twice (once as a mover, then out of another's way) is one move, from where it was to where it ends.
  const merged = new Map<string, SlotMove>();
  for (const move of moves) {
    const key = occupantKey(move.kind, move.id);
    const earlier = merged.get(key);
    merged.set(key, earlier ? { ...move, from: earlier.from } : move);
  }
  const finalMoves = [...merged.values()];
  return {
    moves: finalMoves,
    unresolved,
    stats: {
      troubled: codes.size,
      moved: finalMoves.length,
      fewestPossible: movers.length,
      unresolved: unresolved.length,
    },
  };
}
