import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from '../core/backoff';
import type { Database } from '../db/client';
import {
  claimDueEvents,
  deferClaimed,
  markDelivered,
  markFailed,
  type OutboxLane,
  pruneDelivered,
  releaseClaims,
  type OutboxRow,
} from '../db/operations/outbox/outbox-relay';
import { DeliveryError } from './delivery-error';

export type DeliverEvent = (event: OutboxRow, signal: AbortSignal) => Promise<void>;

export interface RelayOptions {
  db: Database;
  logger: Logger;
  deliver: DeliverEvent;
  /** Subscribes to "new events were committed"; returns the unsubscribe. */
  listen?: (wake: () => void) => Promise<() => Promise<void>>;
  workerId?: string;
  /** Deliveries of events (bookings, registrations, sessions: their emails and webhooks) in flight at once. */
  concurrency?: number;
  /** Deliveries of mail-only rows (sign-in links, resets, invitations, reminders) in flight at once, apart from the events. */
  mailConcurrency?: number;
  /** How long a claim holds; a delivery is aborted well before it runs out, so no two relays deliver one row at once. */
  leaseMs?: number;
  /** The fallback when nothing wakes the relay (no LISTEN, retries coming due, a missed notification). */
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
  retentionMs?: number;
  now?: () => Date;
  random?: () => number;
}

export interface Relay {
  readonly workerId: string;
  /** Claim and deliver whatever is due now (also runs by itself on wake-ups and polls). */
  pump(): Promise<void>;
  /** Resolves when nothing is in flight. */
  idle(): Promise<void>;
  /** Stops claiming, lets deliveries in flight finish (up to `graceMs`), releases the rest. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60_000;
const PRUNE_INTERVAL_MS = 60 * 60_000;

function describeError(error: unknown): string {
  if (error instanceof Error)
    return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { db, deliver } = options;
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const logger = options.logger.child({ component: 'relay', workerId });
  const concurrency = options.concurrency ?? 32;
  const lanes: { lane: OutboxLane; concurrency: number; running: number }[] = [
    { lane: 'mail', concurrency: options.mailConcurrency ?? 8, running: 0 },
    { lane: 'events', concurrency, running: 0 },
  ];
  const leaseMs = options.leaseMs ?? 60_000;
  // The delivery's own deadline stays well inside the lease: the lease is what keeps other relays away.
  const deliveryTimeoutMs = Math.floor(leaseMs * 0.75);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;

  const inFlight = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  let stopping = false;
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (inFlight.size > 0 || pumping) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  // Deliveries that succeeded together are marked delivered in one statement.
  let deliveredBatch: { ids: string[]; written: Promise<void> } | undefined;
  function recordDelivered(id: string): Promise<void> {
    if (!deliveredBatch) {
      const batch: { ids: string[]; written: Promise<void> } = { ids: [], written: Promise.resolve() };
      batch.written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        deliveredBatch = undefined;
        return markDelivered(db, batch.ids, workerId, now());
      });
      deliveredBatch = batch;
    }
    deliveredBatch.ids.push(id);
    return deliveredBatch.written;
  }

  async function settle(event: OutboxRow, error: unknown): Promise<void> {
    const at = now();
    if (error === undefined) {
      await recordDelivered(event.id);
      return;
    }
    const attempt = event.retryCount + 1;
    const dead = attempt >= backoff.maxAttempts;
    const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    const retryAt = new Date(at.getTime() + (dead ? 0 : retryDelayMs(backoff, attempt, random, retryAfterMs)));
    const message = describeError(error);
    if (error instanceof DeliveryError && error.notAttempted) {
      await deferClaimed(db, event.id, workerId, new Date(at.getTime() + (retryAfterMs ?? 1_000)));
      logger.debug({ eventId: event.id, topic: event.topic, reason: message }, 'relay: delivery deferred');
      return;
    }
    await markFailed(db, event.id, workerId, { error: message, retryAt, dead, now: at });
    const log = { eventId: event.id, topic: event.topic, attempt, error: message };
    if (dead) logger.error(log, 'relay: event dead-lettered');
    else logger.warn({ ...log, retryAt: retryAt.toISOString() }, 'relay: delivery failed, will retry');
  }

  function start(event: OutboxRow, lane: (typeof lanes)[number]): void {
    lane.running++;
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DeliveryError(`delivery timed out after ${deliveryTimeoutMs} ms`)),
      deliveryTimeoutMs,
    );
    const promise = deliver(event, abort.signal)
      .then(
        () => undefined,
        (error: unknown) => (abort.signal.aborted ? (abort.signal.reason ?? error) : error) ?? new Error('failed'),
      )
      .then((error) => settle(event, error))
      .catch((error) =>
        logger.error({ err: error, eventId: event.id }, 'relay: could not record the outcome; the lease will expire'),
      )
      .finally(() => {
        clearTimeout(timer);
        inFlight.delete(event.id);
        lane.running--;
        if (!stopping) void pump();
        settleIdle();
      });
    inFlight.set(event.id, { promise, abort });
  }

  /** Claims in chunks (refilling once half a lane's window is free), not one row per finished delivery. */
  async function claimWhileDue(): Promise<void> {
    for (const lane of lanes) {
      while (!stopping && lane.running <= lane.concurrency / 2) {
        const limit = lane.concurrency - lane.running;
        const events = await claimDueEvents(db, { workerId, limit, now: now(), leaseMs, lane: lane.lane });
        for (const event of events) start(event, lane);
        if (events.length === 0) break;
      }
    }
  }

  /** One claimer at a time per relay; a wake-up during a claim runs one more round after it. */
  function pump(): Promise<void> {
    if (stopping) return Promise.resolve();
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        pumpAgain = false;
        try {
          await claimWhileDue();
        } catch (error) {
          logger.error({ err: error }, 'relay: claiming events failed');
          break;
        }
      } while (pumpAgain && !stopping);
    })().finally(() => {
      pumping = undefined;
      settleIdle();
    });
    return pumping;
  }

  const unlisten = options.listen ? await options.listen(() => void pump()) : undefined;
  const poll = setInterval(() => void pump(), options.pollIntervalMs ?? 1_000);
  poll.unref();
  const prune = async () => {
    try {
      const count = await pruneDelivered(db, new Date(now().getTime() - retentionMs));
      if (count > 0) logger.info({ count }, 'relay: pruned delivered events');
    } catch (error) {
      logger.error({ err: error }, 'relay: pruning failed');
    }
  };
  const pruneTimer = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
  pruneTimer.unref();
  void pump();
  logger.info({ concurrency, leaseMs }, 'relay: started');

  return {
    workerId,
    pump,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    async stop(graceMs = 5_000) {
      if (stopping) return;
      stopping = true;
      clearInterval(poll);
      clearInterval(pruneTimer);
      await unlisten?.().catch(() => undefined);
      await pumping;
      const finished = Promise.all([...inFlight.values()].map((d) => d.promise));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        finished.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) for (const { abort } of inFlight.values()) abort.abort(new DeliveryError('the worker is stopping'));
      const released = await releaseClaims(db, workerId);
      logger.info({ released }, 'relay: stopped');
    },
  };
}
