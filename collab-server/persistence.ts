import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import type { Database } from '../db/client';
import { loadDraftState, parseSeasonDocumentName, storeDraftState } from '../db/operations/seasons';

/**
 * The draft's Yjs state lives in seasons.draft_state. A failed read throws, so the connection is
 * refused: serving an empty document would overwrite the stored one at the next store.
 */
export function persistence(db: Database) {
  return new DatabaseExtension({
    fetch: async ({ documentName }) => {
      const target = parseSeasonDocumentName(documentName);
      if (!target) throw new Error(`Not a season document: ${documentName}`);
      return loadDraftState(db, target.seasonId);
    },
    store: async ({ documentName, state }) => {
      const target = parseSeasonDocumentName(documentName);
      if (target) await storeDraftState(db, target.seasonId, state);
    },
  });
}
