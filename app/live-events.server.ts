import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { Server as SocketServer, type Socket } from 'socket.io';
import { hasRole } from '../core/actor';
import { BOOKINGS_CHANGED, WATCH_ORGANIZATION, type WatchReply } from '../core/live-events';
import { sessionTokenFromCookieHeader } from '../core/session-cookie';
import type { Database } from '../db/client';
import { findMembershipBySlug } from '../db/operations/accounts/memberships';
import { findSessionUser } from '../db/operations/accounts/auth-sessions';

/** Changes are gathered this long per organization, so a burst of writes is one message to calendars. */
const COALESCE_MS = 150;

export interface LiveEvents {
  /** What the database told us changed, for an organization (from its LISTEN, ADR 020). */
  bookingsChanged(orgId: string): void;
  /** After the LISTEN connection was lost and is back: any organization may have changed meanwhile. */
  anythingMayHaveChanged(): void;
  close(): Promise<void>;
}

const ROOM_PREFIX = 'org:';
const roomOf = (orgId: string) => `${ROOM_PREFIX}${orgId}`;

/**
 * socket.io at /socket.io on the web process's HTTP server: staff of an organization are told when
 * its bookings change, so open calendars and season boards load them again. Only a signed-in person
 * (the session cookie) connects, and only staff or admins may watch an organization.
 */
export function attachLiveEvents(options: {
  httpServer: HttpServer;
  db: Database;
  logger: Logger;
  metrics?: Registry;
}): LiveEvents {
  const { db, logger } = options;
  // destroyUpgrade off: the other WebSocket paths of this port (/collab, Vite's HMR) are not engine.io's to close.
  const io = new SocketServer(options.httpServer, { path: '/socket.io', serveClient: false, destroyUpgrade: false });
  if (options.metrics) {
    new Gauge({
      name: 'infra24_socket_connections',
      help: 'Live-event (socket.io) connections to this web process',
      registers: [options.metrics],
      collect() {
        this.set(io.engine.clientsCount);
      },
    });
  }

  io.use((socket, next) => {
    const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    if (!token) return next(new Error('Sign in first'));
    findSessionUser(db, token).then(
      (user) => {
        if (!user) return next(new Error('Sign in first'));
        socket.data.userId = user.id;
        next();
      },
      (error: Error) => next(error),
    );
  });

  io.on('connection', (socket: Socket) => {
    socket.on(WATCH_ORGANIZATION, (orgSlug: unknown, reply: unknown) => {
      const answer = typeof reply === 'function' ? (reply as (value: WatchReply) => void) : () => undefined;
      if (typeof orgSlug !== 'string') return answer({ error: 'orgSlug: must be a string' });
      findMembershipBySlug(db, socket.data.userId as string, orgSlug).then(
        (membership) => {
          if (
            !membership ||
            !hasRole({ type: 'user', id: socket.data.userId as string, role: membership.role }, 'staff')
          ) {
            return answer({ error: `Not allowed: only staff of ${orgSlug} see its bookings live` });
          }
          void socket.join(roomOf(membership.org.id));
          answer({ ok: true });
        },
        (error: Error) => {
          logger.error({ err: error }, 'live events: watch failed');
          answer({ error: 'Could not check your membership; try again' });
        },
      );
    });
  });

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    for (const orgId of pending) io.to(roomOf(orgId)).emit(BOOKINGS_CHANGED, {});
    pending.clear();
  };

  return {
    bookingsChanged(orgId) {
      pending.add(orgId);
      timer ??= setTimeout(flush, COALESCE_MS);
    },
    anythingMayHaveChanged() {
      for (const room of io.sockets.adapter.rooms.keys())
        if (room.startsWith(ROOM_PREFIX)) this.bookingsChanged(room.slice(ROOM_PREFIX.length));
    },
    async close() {
      if (timer) clearTimeout(timer);
      io.disconnectSockets(true);
      // Not io.close(): that would close the HTTP server too, which the process closes itself when drained.
      io.engine.close();
    },
  };
}
