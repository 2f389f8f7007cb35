import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import type { Database } from '../db/client';
import { loadDraftState, mergeDraftState, storeDraftState } from '../db/operations/seasons/seasons';
import { parseSeasonDocumentName } from '../core/draft/document-name';

/**
 * The draft's Yjs state lives in seasons.draft_state. A failed read throws, so the connection is
 * refused: serving an empty document would overwrite the stored one at the next store. With several
 * collab processes (`merge`), a store merges into what is stored, since the others store the same
 * season (ADR 019); alone, its copy holds everything stored, and merging (tens of milliseconds for a
 * large season, on every store) would only cost.
 */
export function persistence(db: Database, options: { merge: boolean }) {
  const store = options.merge ? mergeDraftState : storeDraftState;
  return new DatabaseExtension({
    fetch: async ({ documentName }) => {
      const target = parseSeasonDocumentName(documentName);
      if (!target) throw new Error(`Not a season document: ${documentName}`);
      return loadDraftState(db, target.seasonId);
    },
    store: async ({ documentName, state }) => {
      const target = parseSeasonDocumentName(documentName);
      if (target) await store(db, target.seasonId, state);
    },
  });
}
