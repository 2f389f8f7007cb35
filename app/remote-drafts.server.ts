import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { DraftAccess } from '../core/draft/access';
import { AppError } from '../core/errors';
import { SERVICE_TOKEN_PREFIX } from '../core/draft/access';
import { seasonDocumentName } from '../core/draft/document-name';

const REMOTE_DRAFT_TIMEOUT_MS = 5_000;
const REMOTE_DRAFT_IDLE_MS = 15_000;

export interface RemoteDraftAccess extends DraftAccess {
  /** Closes every open connection (shutdown). */
  close(): void;
}

/** One season document held open in this process, in sync with the collab process. */
interface OpenDraft {
  socket: HocuspocusProviderWebsocket;
  provider: HocuspocusProvider;
  /** change() calls under way; the connection closes after it has been idle a while. */
  busy: number;
  idleTimer?: NodeJS.Timeout;
  /** Why the collab process refused this connection, once it did. */
  refusal?: string;
  /** Set when the connection is dropped: requests still waiting on it fail with it at once. */
  failure?: AppError;
  /** The checks of requests waiting on this connection, run again when it is dropped. */
  waiting: Set<() => void>;
}

/** A request's edit applied in this process is marked with it; the provider sends it on. */
const SERVICE_ORIGIN = { service: 'web' };

/**
 * The live drafts seen from a web process that runs apart from the collab process (ADR 013): a
 * Hocuspocus client of the collab process, signed in with the shared service token. Each change
 * waits until the document is synced, applies the edit in one transaction and returns only after
 * the collab process has acknowledged it, so co-editors already have it. A connection stays open
 * while requests use it and closes after REMOTE_DRAFT_IDLE_MS. Every wait is bounded: an
 * unreachable or refusing collab process answers `unavailable` (503) within `timeoutMs`.
 */
export function remoteDraftAccess(options: {
  url: string;
  serviceToken: string;
  timeoutMs?: number;
  idleMs?: number;
}): RemoteDraftAccess {
  const timeoutMs = options.timeoutMs ?? REMOTE_DRAFT_TIMEOUT_MS;
  const idleMs = options.idleMs ?? REMOTE_DRAFT_IDLE_MS;
  const open = new Map<string, OpenDraft>();

  const closedFailure = () =>
    new AppError('unavailable', 'The web process is closing its connection to the collab process');
  const drop = (name: string, draft: OpenDraft, failure: AppError) => {
    if (draft.failure) return; // already dropped, by a request that failed with it
    draft.failure = failure;
    clearTimeout(draft.idleTimer);
    if (open.get(name) === draft) open.delete(name);
    for (const check of [...draft.waiting]) check();
    const doc = draft.provider.document;
    draft.provider.destroy();
    draft.socket.destroy();
    doc.destroy();
  };

  const connect = (name: string): OpenDraft => {
    const socket = new HocuspocusProviderWebsocket({
      url: options.url,
      WebSocketPolyfill: WebSocket,
      // Retry quickly: a request is waiting, and it gives up after timeoutMs anyway.
      delay: 100,
      minDelay: 100,
      maxDelay: 1_000,
    });
    const provider = new HocuspocusProvider({
      name,
      websocketProvider: socket,
      document: new Y.Doc(),
      token: `${SERVICE_TOKEN_PREFIX}${options.serviceToken}`,
    });
    const draft: OpenDraft = { socket, provider, busy: 0, waiting: new Set() };
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      draft.refusal = reason;
    });
    // A provider given its own websocket connects only once attached.
    provider.attach();
    open.set(name, draft);
    return draft;
  };

  /** Resolves once `ready()` holds; rejects with a 503 on refusal or when time runs out. */
  const settle = (draft: OpenDraft, ready: () => boolean, deadline: number, waitingFor: string) =>
    new Promise<void>((resolve, reject) => {
      const events = ['synced', 'unsyncedChanges', 'authenticationFailed', 'status'] as const;
      const finish = (error?: AppError) => {
        clearTimeout(timer);
        for (const event of events) draft.provider.off(event, check);
        draft.waiting.delete(check);
        if (error) reject(error);
        else resolve();
      };
      function check() {
        if (draft.failure) {
          finish(draft.failure);
        } else if (draft.refusal) {
          finish(
            new AppError(
              'unavailable',
              `The collab process at ${options.url} refused this web process (${draft.refusal}): COLLAB_SERVICE_TOKEN must be the same in both processes`,
            ),
          );
        } else if (ready()) finish();
      }
      const timer = setTimeout(
        () =>
          finish(
            new AppError(
              'unavailable',
              `The collab process at ${options.url} did not answer within ${timeoutMs / 1000} s (${waitingFor}): is it running, and is COLLAB_URL its address?`,
            ),
          ),
        Math.max(0, deadline - Date.now()),
      );
      for (const event of events) draft.provider.on(event, check);
      draft.waiting.add(check);
      check();
    });

  const inSync = (provider: HocuspocusProvider) =>
    provider.isSynced && provider.isAuthenticated && provider.unsyncedChanges === 0;

  return {
    async change(orgId, seasonId, edit) {
      const name = seasonDocumentName(orgId, seasonId);
      const draft = open.get(name) ?? connect(name);
      clearTimeout(draft.idleTimer);
      draft.busy++;
      const deadline = Date.now() + timeoutMs;
      // A connection that failed is not kept: the next request starts afresh, and requests waiting
      // on this one get the same answer now rather than at their own deadline.
      const inSyncOrDrop = async (waitingFor: string) => {
        try {
          await settle(draft, () => inSync(draft.provider), deadline, waitingFor);
        } catch (error) {
          drop(name, draft, error as AppError);
          throw error;
        }
      };
      try {
        await inSyncOrDrop('loading the draft');
        let result: ReturnType<typeof edit> | undefined;
        const doc = draft.provider.document;
        // An edit that throws is the request's own error, not the connection's.
        doc.transact(() => {
          result = edit(doc);
        }, SERVICE_ORIGIN);
        await inSyncOrDrop('saving the change');
        return result as ReturnType<typeof edit>;
      } finally {
        draft.busy--;
        if (draft.busy === 0 && open.get(name) === draft)
          draft.idleTimer = setTimeout(() => drop(name, draft, closedFailure()), idleMs);
      }
    },
    close() {
      for (const [name, draft] of open) drop(name, draft, closedFailure());
    },
  };
}
