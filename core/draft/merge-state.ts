import * as Y from 'yjs';

/**
 * One stored draft state holding everything either side holds. Several collab processes store the
 * same season, each from its own copy (ADR 019); a copy that has not yet received another's latest
 * edit must not replace the stored state with less. Yjs merges are order-free and repeatable, and
 * going through a Y.Doc drops the content of deleted items as a store from one process would.
 */
export function mergeDraftStates(stored: Uint8Array | null, incoming: Uint8Array): Uint8Array {
  if (!stored?.length) return incoming;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, stored);
    Y.applyUpdate(doc, incoming);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
