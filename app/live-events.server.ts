import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { Server as SocketServer, type Socket } from 'socket.io';
import { hasRole } from '../core/actor';
import { BOOKINGS_CHANGED, WATCH_ORGANIZATION, type WatchReply } from './live-events';
import { SESSION_RECHECK_MS, sessionTokenFromCookieHeader } from '../db/operations/accounts/session-cookie';
import type { Database } from '../db/client';
import { findMembershipByOrgId, findMembershipBySlug } from '../db/operations/accounts/memberships';
import { findSessionUser } from '../db/operations/accounts/auth-sessions';

/** Changes are gathered this long per organization, so a burst of writes is one message to calendars. */
const COALESCE_MS = 150;

interface SocketData {
  userId: string;
  sessionToken: string;
  /** When the session was last found good, and each watched organization's role (ms since the epoch). */
  sessionCheckedAt: number;
  watchCheckedAt: Map<string, number>;
}

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

  const isStaff = (userId: string, role: Parameters<typeof hasRole>[0]['role']) =>
    hasRole({ type: 'user', id: userId, role }, 'staff');

  /** The session is still the same person's (checked at most every SESSION_RECHECK_MS). */
  async function sessionStillGood(data: SocketData): Promise<boolean> {
    if (Date.now() - data.sessionCheckedAt < SESSION_RECHECK_MS) return true;
    const user = await findSessionUser(db, data.sessionToken);
    if (user?.id !== data.userId) return false;
    data.sessionCheckedAt = Date.now();
    return true;
  }

  /** The person is still signed in and still staff of the organization (same cache). */
  async function mayStillWatch(data: SocketData, orgId: string): Promise<boolean> {
    if (!(await sessionStillGood(data))) return false;
    if (Date.now() - (data.watchCheckedAt.get(orgId) ?? 0) < SESSION_RECHECK_MS) return true;
    const membership = await findMembershipByOrgId(db, data.userId, orgId);
    if (!membership || !isStaff(data.userId, membership.role)) return false;
    data.watchCheckedAt.set(orgId, Date.now());
    return true;
  }

  io.use((socket, next) => {
    const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    if (!token) return next(new Error('Sign in first'));
    findSessionUser(db, token).then(
      (user) => {
        if (!user) return next(new Error('Sign in first'));
        const data: SocketData = {
          userId: user.id,
          sessionToken: token,
          sessionCheckedAt: Date.now(),
          watchCheckedAt: new Map(),
        };
        socket.data = data;
        next();
      },
      (error: Error) => next(error),
    );
  });

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    // Every message from the socket checks the session again first (cached briefly).
    socket.use((_packet, next) => {
      sessionStillGood(data).then(
        (good) => {
          if (good) return next();
          next(new Error('Signed out'));
          socket.disconnect(true);
        },
        (error: Error) => next(error),
      );
    });
    socket.on(WATCH_ORGANIZATION, (orgSlug: unknown, reply: unknown) => {
      const answer = typeof reply === 'function' ? (reply as (value: WatchReply) => void) : () => undefined;
      if (typeof orgSlug !== 'string') return answer({ error: 'orgSlug: must be a string' });
      findMembershipBySlug(db, data.userId, orgSlug).then(
        (membership) => {
          if (!membership || !isStaff(data.userId, membership.role)) {
            return answer({ error: `Not allowed: only staff of ${orgSlug} see its bookings live` });
          }
          data.watchCheckedAt.set(membership.org.id, Date.now());
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

  /** Tells each watcher still allowed to watch; a signed-out or demoted one is disconnected instead. */
  async function tellWatchers(orgId: string) {
    const socketIds = [...(io.sockets.adapter.rooms.get(roomOf(orgId)) ?? [])];
    await Promise.all(
      socketIds.map(async (id) => {
        const socket = io.sockets.sockets.get(id);
        if (!socket) return;
        try {
          if (await mayStillWatch(socket.data as SocketData, orgId)) socket.emit(BOOKINGS_CHANGED, {});
          else socket.disconnect(true);
        } catch (error) {
          logger.error({ err: error }, 'live events: could not check a watcher');
        }
      }),
    );
  }

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    for (const orgId of pending) void tellWatchers(orgId);
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
