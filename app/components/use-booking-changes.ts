import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';
import { BOOKINGS_CHANGED, WATCH_ORGANIZATION, type WatchReply } from '../live-events';

/**
 * Calls `onChange` whenever bookings of the organization change anywhere (another person, the API,
 * a publish, the worker), and after a lost connection comes back, when changes may have been missed.
 * The session cookie goes with the socket; only staff are let in.
 */
export function useBookingChanges(orgSlug: string, onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    // WebSocket only: long-polling would need every request of a socket to reach the same web process.
    const socket = io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
    let watchedBefore = false;
    socket.on('connect', () => {
      socket.emit(WATCH_ORGANIZATION, orgSlug, (reply: WatchReply) => {
        if ('error' in reply) return;
        if (watchedBefore) latest.current();
        watchedBefore = true;
      });
    });
    socket.on(BOOKINGS_CHANGED, () => latest.current());
    return () => {
      socket.disconnect();
    };
  }, [orgSlug]);
}
