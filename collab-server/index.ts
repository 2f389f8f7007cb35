import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { Database } from '../db/client';

export interface CollabServer {
  /** Takes WebSocket upgrades for /collab; returns false for paths it does not own. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/**
 * The Hocuspocus process. Until the season board lands it owns /collab and refuses connections
 * with 503, so clients see a clear answer rather than a hang.
 */
export function createCollabServer(options: { db: Database; logger: Logger }): CollabServer {
  const logger = options.logger.child({ process: 'collab' });
  logger.info('collab: ready at /collab (no collaborative documents yet)');
  return {
    handleUpgrade(request, socket) {
      if (!request.url?.startsWith('/collab')) return false;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nCollaborative editing is not available yet.\n');
      return true;
    },
    async close() {
      logger.info('collab: stopped');
    },
  };
}
