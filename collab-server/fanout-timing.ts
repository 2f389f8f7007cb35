import { performance } from 'node:perf_hooks';
import type { afterHandleMessagePayload, afterLoadDocumentPayload, Connection, Extension } from '@hocuspocus/server';

/** Milliseconds from an edit's message coming off its socket to its broadcast having been written to every socket. */
export type FanoutListener = (milliseconds: number) => void;

const listeners = new Set<FanoutListener>();
/** When each message came off its socket; only while someone listens, so nothing is kept otherwise. */
const receivedAt = new WeakMap<Uint8Array, number>();
/** Connections whose message being handled changed the document. */
const changedBy = new WeakSet<Connection>();

/** Calls `listener` with the server's fan-out time of every edit; returns the way to stop. */
export function onFanout(listener: FanoutListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Marks the moment a message came off its socket (before authentication, queueing and hooks). */
export function messageReceived(message: Uint8Array): void {
  if (listeners.size) receivedAt.set(message, performance.now());
}

/**
 * Times each edit on the server: from `messageReceived` to the moment its broadcast has been handed
 * to every socket. Hocuspocus (flushDelay 0) broadcasts a document's updates in a setImmediate it
 * schedules while the update is applied; the one scheduled here after the message is handled runs
 * after it, in the same turn of the loop.
 */
export function fanoutTiming(): Extension {
  return {
    extensionName: 'infra24-fanout-timing',
    async afterLoadDocument({ document }: afterLoadDocumentPayload) {
      document.on('update', (_update: Uint8Array, origin: unknown) => {
        const connection = (origin as { source?: string; connection?: Connection } | null)?.connection;
        if (connection) changedBy.add(connection);
      });
    },
    async afterHandleMessage({ connection, update }: afterHandleMessagePayload) {
      if (!changedBy.delete(connection)) return;
      const received = receivedAt.get(update);
      if (received === undefined) return;
      setImmediate(() => {
        const milliseconds = performance.now() - received;
        for (const listener of listeners) listener(milliseconds);
      });
    },
  };
}
