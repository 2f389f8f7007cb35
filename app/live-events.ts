/** The names the web process and the browser use on /socket.io (app/live-events.server.ts, ADR 020). */

/** Browser → server: `emit(WATCH_ORGANIZATION, orgSlug, reply)`; staff only. */
export const WATCH_ORGANIZATION = 'watch organization';
/** Server → browser: the organization's bookings changed; load what is shown again. */
export const BOOKINGS_CHANGED = 'bookings changed';

export type WatchReply = { ok: true } | { error: string };
