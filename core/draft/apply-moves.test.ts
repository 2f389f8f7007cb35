import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMoves } from './apply-moves';
import { draftMaps } from './model';
import { docWith, ROOM_IDS, ROOMS, snapshot, tuesday } from './repair-fixtures';
import { suggestRepairs } from './suggestions';

const LOCAL = { local: true };
const items = {
  workshops: [{ key: 'print', title: 'Screen printing', capacity: 10, tags: [], isPublic: true }],
  sessions: [
    { id: 'a', workshopKey: 'print', resourceId: ROOM_IDS.classroom1, startsAt: tuesday(18), endsAt: tuesday(20) },
    { id: 'b', workshopKey: 'print', resourceId: ROOM_IDS.classroom1, startsAt: tuesday(19), endsAt: tuesday(21) },
  ],
};

function editorWithUndo() {
  const doc = docWith(items);
  const maps = draftMaps(doc);
  const undo = new Y.UndoManager([maps.workshops, maps.sessions, maps.blocks], { trackedOrigins: new Set([LOCAL]) });
  return { doc, undo };
}

describe('applying a suggestion to the Yjs draft', () => {
  it('is one transaction a co-editor receives as one update, and one step its author undoes', () => {
    const { doc, undo } = editorWithUndo();
    const coEditor = new Y.Doc();
    Y.applyUpdate(coEditor, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    // An edit of the author's own just before: the suggestion must not be merged into its undo step.
    doc.transact(() => draftMaps(doc).sessions.get('b')!.set('note', 'bring aprons'), LOCAL);
    const before = snapshot(doc);

    const fix = suggestRepairs(before, { resources: ROOMS, existing: [] }, 'a')!.suggestions[0];
    expect(fix.kind).toBe('other_room');
    const result = applyMoves(doc, fix.moves, { origin: LOCAL, undoManager: undo });
    expect(result).toEqual({ applied: true, stale: [] });
    // The note, then the whole suggestion in one update.
    expect(updates).toHaveLength(2);
    Y.applyUpdate(coEditor, updates[0]);
    expect(snapshot(coEditor).sessions.a.resourceId).toBe(ROOM_IDS.classroom1);
    Y.applyUpdate(coEditor, updates[1]);
    expect(snapshot(coEditor).sessions.a.resourceId).toBe(ROOM_IDS.classroom2);

    undo.undo();
    expect(snapshot(doc)).toEqual(before);
    expect(snapshot(doc).sessions.b.note).toBe('bring aprons');
    undo.redo();
    expect(snapshot(doc).sessions.a.resourceId).toBe(ROOM_IDS.classroom2);
  });

  it('applies a plan of several moves as one step, and writes nothing when an item moved meanwhile', () => {
    const { doc, undo } = editorWithUndo();
    const before = snapshot(doc);
    const moves = [
      {
        kind: 'session' as const,
        id: 'a',
        title: 'Screen printing',
        from: { resourceId: ROOM_IDS.classroom1, startsAt: tuesday(18), endsAt: tuesday(20) },
        to: { resourceId: ROOM_IDS.classroom2, startsAt: tuesday(18), endsAt: tuesday(20) },
      },
      {
        kind: 'session' as const,
        id: 'b',
        title: 'Screen printing',
        from: { resourceId: ROOM_IDS.classroom1, startsAt: tuesday(19), endsAt: tuesday(21) },
        to: { resourceId: ROOM_IDS.classroom1, startsAt: tuesday(9), endsAt: tuesday(11) },
      },
    ];
    expect(applyMoves(doc, moves, { origin: LOCAL, undoManager: undo }).applied).toBe(true);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(snapshot(doc)).toEqual(before);

    // Someone else moves "b" first: the stale plan is refused whole.
    draftMaps(doc).sessions.get('b')!.set('startsAt', tuesday(19.5));
    const stale = applyMoves(doc, moves, { origin: LOCAL, undoManager: undo });
    expect(stale).toEqual({ applied: false, stale: ['b'] });
    expect(snapshot(doc).sessions.a.resourceId).toBe(ROOM_IDS.classroom1);
  });
});
