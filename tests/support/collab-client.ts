import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface DraftClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once synced, rejects with the server's reason if authentication fails. */
  ready: Promise<void>;
  /** Resolves when the server has acknowledged every local change. */
  settled(): Promise<void>;
  close(): void;
}

/** A Node client of the collab server, sending a session cookie as a browser would (or a service `token`). */
export function connectDraft(options: { url: string; name: string; cookie?: string; token?: string }): DraftClient {
  const cookie = options.cookie;
  class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} });
    }
  }
  const doc = new Y.Doc();
  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const provider = new HocuspocusProvider({
    url: options.url,
    name: options.name,
    document: doc,
    token: options.token ?? 'session-cookie',
    WebSocketPolyfill: CookieWebSocket,
    onSynced: () => resolveReady(),
    onAuthenticationFailed: ({ reason }) => rejectReady(new Error(reason)),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return {
    doc,
    provider,
    ready,
    async settled() {
      const deadline = Date.now() + 10_000;
      while ((provider.unsyncedChanges > 0 || !provider.isSynced) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      if (provider.unsyncedChanges > 0) throw new Error('changes were not acknowledged');
    },
    close() {
      provider.destroy();
    },
  };
}
