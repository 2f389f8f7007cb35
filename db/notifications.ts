import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database, DatabaseHandle } from './client';
import { NaturalBatcher } from './natural-batcher';

/** How long a lost LISTEN connection waits before it is opened again. */
const RELISTEN_AFTER_MS = 1_000;

export interface ListenOptions {
  /** Called after a lost connection listens again: anything sent meanwhile was missed. */
  onResumed?: () => void;
}

/**
 * Calls `onPayload` for every NOTIFY on `channel` (delivered when the notifying transaction commits).
 * PostgreSQL: one connection of the pool is held for LISTEN and opened again when it is lost (a
 * restart, a terminated backend). PGlite: its own listen(). Returns the unlisten.
 */
export async function listenToChannel(
  handle: DatabaseHandle,
  channel: string,
  onPayload: (payload: string) => void,
  options: ListenOptions = {},
): Promise<() => Promise<void>> {
  if (handle.pglite) {
    return handle.pglite.listen(channel, onPayload);
  }
  const pool = handle.pool!;
  let current: { client: pg.PoolClient; forget(): void } | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const onNotification = (message: pg.Notification) => {
    if (message.channel === channel) onPayload(message.payload ?? '');
  };
  const listen = async () => {
    const client = await pool.connect();
    let released = false;
    const giveBack = (error: Error) => {
      if (released) return;
      released = true;
      forget();
      client.release(error);
    };
    // A dead connection can report more than one error; the first gives it back, broken (the pool discards it).
    // Lost while it was listening, it listens again from here; lost before, the failed listen() retries.
    const onError = (error: Error) => {
      const wasListening = current?.client === client;
      if (wasListening) current = undefined;
      giveBack(error);
      if (wasListening && !stopped) retry = setTimeout(relisten, RELISTEN_AFTER_MS);
    };
    // Back in the pool the connection serves others: none of this may stay attached to it.
    const forget = () => {
      client.off('notification', onNotification);
      client.off('error', onError);
      client.on('error', () => undefined);
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    try {
      await client.query(`listen ${channel}`);
    } catch (error) {
      // Lost before it listened (a terminated backend, a timeout): given back broken, tried again by the caller.
      giveBack(error as Error);
      throw error;
    }
    current = { client, forget };
  };
  const relisten = () => {
    listen().then(
      () => options.onResumed?.(),
      () => {
        if (!stopped) retry = setTimeout(relisten, RELISTEN_AFTER_MS);
      },
    );
  };
  await listen();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const last = current;
    current = undefined;
    if (!last) return;
    await last.client.query(`unlisten ${channel}`).catch(() => undefined);
    last.forget();
    last.client.release();
  };
}

/** Whenever a transaction that wrote outbox rows commits (the insert trigger NOTIFYs, migration 0006). */
export function listenForOutboxEvents(handle: DatabaseHandle, onEvent: () => void): Promise<() => Promise<void>> {
  return listenToChannel(handle, 'integration_outbox', () => onEvent(), { onResumed: onEvent });
}

/**
 * Whenever a transaction that wrote bookings commits: the id of each organization it touched
 * (migration 0010). After a lost connection listens again, `onResumed` (changes may have been missed).
 */
export function listenForBookingChanges(
  handle: DatabaseHandle,
  onChange: (orgId: string) => void,
  onResumed?: () => void,
): Promise<() => Promise<void>> {
  return listenToChannel(handle, 'bookings_changed', onChange, { onResumed });
}

export interface BookingChangeAnnouncement {
  orgId: string;
  /** The change wrote outbox rows too: the relay is woken as well. */
  outbox: boolean;
}

/** A batch's NOTIFYs: one statement, each (channel, payload) once; the order is the order given. */
function notifyAll(db: Database, announcements: readonly BookingChangeAnnouncement[]): Promise<unknown> {
  const pairs = [...new Set(announcements.map((a) => a.orgId))].map((orgId) => ['bookings_changed', orgId]);
  if (announcements.some((a) => a.outbox)) pairs.push(['integration_outbox', '']);
  return db.execute(
    sql`select pg_notify(pair->>0, pair->>1) from jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) with ordinality as n(pair, i) order by i`,
  );
}

/** One batcher per database: announcements made while one is in flight go together in the next. */
const announcers = new WeakMap<Database, NaturalBatcher<BookingChangeAnnouncement, void>>();
const ANNOUNCEMENTS_PER_STATEMENT = 500;

/**
 * Tells every LISTENing process that a committed transaction changed an organization's bookings
 * (and woke the relay, if it wrote outbox rows), for the writes that set infra24.announce_after_commit
 * instead of letting the triggers NOTIFY inside their transaction (migration 0018, ADR 032). Each
 * announcement is its own small transaction after the write's commit: it takes the notification
 * lock without a commit to wait for, and announcements that arrive together share one statement.
 * It never fails the write it follows: a lost announcement costs a calendar a reload, not a booking.
 */
export async function announceBookingChange(db: Database, announcement: BookingChangeAnnouncement): Promise<void> {
  let announcer = announcers.get(db);
  if (!announcer) {
    announcer = new NaturalBatcher(async (_key, batch) => {
      await notifyAll(db, batch);
      return batch.map(() => ({ status: 'fulfilled', value: undefined }));
    }, ANNOUNCEMENTS_PER_STATEMENT);
    announcers.set(db, announcer);
  }
  await announcer.submit('all', announcement).catch(() => undefined);
}
