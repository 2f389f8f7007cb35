import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import type { Database } from '../db/client';
import { loadDraftState, mergeDraftState, parseSeasonDocumentName } from '../db/operations/seasons';

/**
 * The draft's Yjs state lives in seasons.draft_state. A failed read throws, so the connection is
 * refused: serving an empty document would overwrite the stored one at the next store. A store
 * merges into what is stored, since other collab processes store the same season (ADR 019).
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
      if (target) await mergeDraftState(db, target.seasonId, state);
    },
  });
}
