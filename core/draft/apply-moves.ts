import type * as Y from 'yjs';
import { draftMaps } from './model';
import type { SlotMove } from './suggestions';

export interface ApplyResult {
  applied: boolean;
  /** Items that are no longer where the suggestion found them (moved or removed by someone since): nothing is applied. */
  stale: string[];
}

/**
 * Applies a suggestion's or a fix-all plan's moves to the draft as one Yjs transaction: co-editors
 * receive them as one update, and the author's Y.UndoManager (which tracks `origin`) undoes them as
 * one step — `stopCapturing` first, so the moves are not merged into an edit made just before.
 * All or nothing: when any item has moved since the plan was made, nothing is written and the
 * caller asks for fresh suggestions.
 */
export function applyMoves(
  doc: Y.Doc,
  moves: SlotMove[],
  options: { origin?: unknown; undoManager?: Y.UndoManager } = {},
): ApplyResult {
  const maps = draftMaps(doc);
  const mapOf = (kind: SlotMove['kind']) => (kind === 'session' ? maps.sessions : maps.blocks);
  const stale = moves
    .filter((move) => {
      const item = mapOf(move.kind).get(move.id);
      return (
        !item ||
        typeof item.get !== 'function' ||
        item.get('resourceId') !== move.from.resourceId ||
        Date.parse(String(item.get('startsAt'))) !== Date.parse(move.from.startsAt) ||
        Date.parse(String(item.get('endsAt'))) !== Date.parse(move.from.endsAt)
      );
    })
    .map((move) => move.id);
  if (stale.length > 0 || moves.length === 0) return { applied: false, stale };
  options.undoManager?.stopCapturing();
  doc.transact(() => {
    for (const move of moves) {
      const item = mapOf(move.kind).get(move.id)!;
      if (item.get('resourceId') !== move.to.resourceId) item.set('resourceId', move.to.resourceId);
      item.set('startsAt', move.to.startsAt);
      item.set('endsAt', move.to.endsAt);
    }
  }, options.origin);
  options.undoManager?.stopCapturing();
  return { applied: true, stale: [] };
}
