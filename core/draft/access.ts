import type * as Y from 'yjs';

/**
 * How the web process reaches a season's live draft: through the collaboration server, so a change
 * made by the API appears at once in every co-editor's browser. Two implementations: direct
 * connections when collab runs in the same process (collab-server/index.ts), and a Hocuspocus client
 * of the collab process when they run apart (app/remote-drafts.server.ts, ADR 013). server.ts picks one and hands it to the API.
 * `change` resolves once the collab server holds the edit; when it cannot be reached it rejects with
 * an `unavailable` AppError, within a bounded time.
 */
export interface DraftAccess {
  change<T>(orgId: string, seasonId: string, edit: (doc: Y.Doc) => T): Promise<T>;
}

/** A token of this form claims the service identity: the web process reaching drafts from elsewhere. */
export const SERVICE_TOKEN_PREFIX = 'service:';
