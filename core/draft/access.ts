import type * as Y from 'yjs';

/**
 * How the web process reaches a season's live draft: through the collaboration server, so a change
 * made by the API appears at once in every co-editor's browser. Two implementations, both in
 * collab-server/: direct connections when collab runs in the same process, and a Hocuspocus client
 * of the collab process when they run apart (ADR 013). server.ts picks one and hands it to the API.
 * `change` resolves once the collab server holds the edit; when it cannot be reached it rejects with
 * an `unavailable` AppError, within a bounded time.
 */
export interface DraftAccess {
  change<T>(orgId: string, seasonId: string, edit: (doc: Y.Doc) => T): Promise<T>;
}
