import type * as Y from 'yjs';

/**
 * How the web process reaches a season's live draft: through the collaboration server, so a change
 * made by the API appears at once in every co-editor's browser. collab-server/ implements it;
 * server.ts hands it to the API.
 */
export interface DraftAccess {
  change<T>(orgId: string, seasonId: string, edit: (doc: Y.Doc) => T): Promise<T>;
}
