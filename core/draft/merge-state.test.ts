import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeDraftStates } from './merge-state';
import { draftMaps, readDraft, toYMap } from './model';

const ROOM = '11111111-1111-4111-8111-111111111111';
const block = (id: string) =>
  toYMap({ id, title: id, resourceId: ROOM, startsAt: '2030-03-05T14:00:00Z', endsAt: '2030-03-05T15:00:00Z' });

function stateOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

function blocksIn(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return Object.keys(readDraft(doc).blocks).sort();
}

/** Two copies of one draft (two collab processes), in sync up to `shared`. */
function twoCopies(shared: string[]) {
  const first = new Y.Doc();
  for (const id of shared) draftMaps(first).blocks.set(id, block(id));
  const second = new Y.Doc();
  Y.applyUpdate(second, stateOf(first));
  return { first, second };
}

describe('merging a stored draft state with a copy', () => {
  it('keeps edits the storing copy has not received yet', () => {
    const { first, second } = twoCopies(['install']);
    draftMaps(first).blocks.set('from-first', block('from-first'));
    draftMaps(second).blocks.set('from-second', block('from-second'));
    const storedByFirst = mergeDraftStates(null, stateOf(first));
    const thenBySecond = mergeDraftStates(storedByFirst, stateOf(second));
    expect(blocksIn(thenBySecond)).toEqual(['from-first', 'from-second', 'install']);
    // The order of the stores does not matter.
    expect(blocksIn(mergeDraftStates(mergeDraftStates(null, stateOf(second)), stateOf(first)))).toEqual([
      'from-first',
      'from-second',
      'install',
    ]);
  });

  it('keeps a deletion, and storing the same copy twice changes nothing', () => {
    const { first, second } = twoCopies(['install', 'maintenance']);
    const stored = mergeDraftStates(null, stateOf(second));
    draftMaps(first).blocks.delete('maintenance');
    const merged = mergeDraftStates(stored, stateOf(first));
    expect(blocksIn(merged)).toEqual(['install']);
    // A copy that still shows the deleted item does not bring it back.
    expect(blocksIn(mergeDraftStates(merged, stateOf(second)))).toEqual(['install']);
    expect(blocksIn(mergeDraftStates(merged, stateOf(first)))).toEqual(['install']);
  });
});
