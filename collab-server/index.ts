import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus } from '@hocuspocus/server';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { DraftAccess } from '../core/draft/access';
import type { Database } from '../db/client';
import { authentication } from './auth';
import { fanoutTiming, messageReceived } from './fanout-timing';
import { registerCollabMetrics } from './metrics';
import { persistence } from './persistence';
import { redisScaleOut, type RedisOptions, type RedisScaleOut } from './redis';
import { seasonDocumentName } from '../core/draft/document-name';

/**
 * Stores are debounced: at most this long after the last edit, and never more than MAX_DEBOUNCE
 * after the first unsaved one. What a crash inside that window loses from the server, the clients
 * still hold (in memory and IndexedDB) and send again when they reconnect (ADR 009).
 */
const STORE_DEBOUNCE_MS = 1_000;
const STORE_MAX_DEBOUNCE_MS = 4_000;

export interface CollabServer {
  /** Takes WebSocket upgrades for /collab; returns false for paths it does not own. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  drafts: DraftAccess;
  close(): Promise<void>;
}

function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`, { headers });
}

function createHocuspocus(
  db: Database,
  options: { debounceMs?: number; maxDebounceMs?: number; serviceToken?: string; redis?: RedisScaleOut } = {},
) {
  return new Hocuspocus({
    extensions: [
      authentication(db, { serviceToken: options.serviceToken }),
      persistence(db, { merge: options.redis !== undefined }),
      ...(options.redis ? [options.redis.extension] : []),
      fanoutTiming(),
    ],
    debounce: options.debounceMs ?? STORE_DEBOUNCE_MS,
    maxDebounce: options.maxDebounceMs ?? STORE_MAX_DEBOUNCE_MS,
    quiet: true,
  });
}

/** Direct connections: the server-side way in, for the API (no socket, no cookie: the API checked the key). */
function draftAccess(hocuspocus: Hocuspocus): DraftAccess {
  return {
    async change(orgId, seasonId, edit) {
      const connection = await hocuspocus.openDirectConnection(seasonDocumentName(orgId, seasonId), { system: true });
      let result: ReturnType<typeof edit> | undefined;
      try {
        await connection.transact((doc) => {
          result = edit(doc);
        });
      } finally {
        await connection.disconnect();
      }
      return result as ReturnType<typeof edit>;
    },
  };
}

/** The Hocuspocus process at /collab, sharing the HTTP server's port. */
export function createCollabServer(options: {
  db: Database;
  logger: Logger;
  debounceMs?: number;
  maxDebounceMs?: number;
  /** The shared secret a web process running apart presents (ADR 013); unset, no service connection is accepted. */
  serviceToken?: string;
  /** Set (REDIS_URL): several collab processes serve the same documents through Redis (ADR 019). */
  redis?: RedisOptions;
  /** Set (METRICS_TOKEN): open documents and connections are reported there. */
  metrics?: Registry;
}): CollabServer {
  const logger = options.logger.child({ process: 'collab' });
  const redis = options.redis ? redisScaleOut({ ...options.redis, logger }) : undefined;
  const hocuspocus = createHocuspocus(options.db, { ...options, redis });
  const stopMetrics = options.metrics ? registerCollabMetrics(options.metrics, hocuspocus) : undefined;
  const sockets = new WebSocketServer({ noServer: true });
  logger.info('collab: ready at /collab');
  return {
    drafts: draftAccess(hocuspocus),
    handleUpgrade(request, socket, head) {
      if (!request.url?.startsWith('/collab')) return false;
      sockets.handleUpgrade(request, socket, head, (ws) => {
        const connection = hocuspocus.handleConnection(ws, toFetchRequest(request));
        ws.on('message', (data: Buffer) => {
          const message = new Uint8Array(data);
          messageReceived(message);
          connection.handleMessage(message);
        });
        ws.on('close', (code, reason) => connection.handleClose({ code, reason: reason.toString() } as CloseEvent));
        ws.on('error', (error) => logger.warn({ err: error }, 'collab: socket error'));
      });
      return true;
    },
    async close() {
      hocuspocus.flushPendingStores();
      hocuspocus.closeConnections();
      // flushPendingStores starts the stores; give them the moment they need to reach the database.
      const deadline = Date.now() + 5_000;
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      // closeConnections() leaves the sockets themselves open, and `ws` does not end them on close():
      // the HTTP server would wait for them (clients only give up after 30 s of silence).
      for (const socket of sockets.clients) socket.close(1001, 'server shutting down');
      await new Promise((resolve) => setTimeout(resolve, sockets.clients.size ? 200 : 0));
      // A client that does not answer the close within that moment is cut off.
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
      // After the stores: until then an edit could still be on its way to the other processes.
      await redis?.close();
      stopMetrics?.();
      logger.info('collab: stopped');
    },
  };
}
