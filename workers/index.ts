import type { Logger } from 'pino';
import { DEFAULT_BACKOFF } from '../core/backoff';
import type { DatabaseHandle } from '../db/client';
import { expireHolds } from '../db/operations/bookings/holds';
import { pruneAccountsHousekeeping } from '../db/operations/accounts/pruning';
import { pruneIdempotencyKeys } from '../db/operations/idempotency/idempotency-keys';
import { offerFreedSeriesSeats } from '../db/operations/registrations/series-waitlist';
import { expireOffers } from '../db/operations/registrations/waitlist';
import { listenForOutboxEvents } from '../db/notifications';
import { createDispatcher } from './dispatch';
import { createDevMailbox } from './mailer/dev-mailbox';
import { createResendMailer } from './mailer/resend';
import { createRoutingMailer, createSmtpMailer } from './mailer/smtp';
import type { Mailer } from './mailer/types';
import { startRelay, type Relay } from './relay';
import type { WebhookDeliveryOptions } from './webhooks';

export interface Worker {
  relay: Relay;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  handle: DatabaseHandle;
  logger: Logger;
  email: { from: string; resendApiKey?: string; resendBaseUrl?: string; smtpUrl?: string };
  /** Where webhooks may go besides public addresses, and how hard one endpoint may be pressed. */
  webhooks?: WebhookDeliveryOptions;
  /** Where links in emails point (waitlist offers passed on by the sweep). */
  publicUrl: string;
  outbox?: {
    concurrency?: number;
    mailConcurrency?: number;
    leaseMs?: number;
    maxAttempts?: number;
    retentionDays?: number;
    pollIntervalMs?: number;
  };
  sweepIntervalMs?: number;
}

const HOLD_SWEEP_INTERVAL_MS = 30_000;

/** SMTP_URL for invites (and everything, alone); Resend's HTTP API for the rest; else the dev mailbox. */
function chooseMailer(db: DatabaseHandle['db'], email: WorkerOptions['email']): Mailer {
  const resend = email.resendApiKey
    ? createResendMailer(db, { apiKey: email.resendApiKey, baseUrl: email.resendBaseUrl })
    : undefined;
  const smtp = email.smtpUrl ? createSmtpMailer(db, { url: email.smtpUrl }) : undefined;
  if (smtp && resend) return createRoutingMailer({ invites: smtp, plain: resend });
  return smtp ?? resend ?? createDevMailbox(db);
}

/** The background process: the outbox relay (emails, webhooks, reminders) and the sweeps of expired holds, waitlist offers, idempotency keys, rate-limit windows and spent tokens. */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { handle } = options;
  const db = handle.db;
  const logger = options.logger.child({ process: 'worker' });
  let sweeping: Promise<void> = Promise.resolve();
  /** Runs one sweep task and logs what it did (when it did anything) or why it failed; never rejects. */
  const logged = <T>(task: Promise<T>, didSomething: (result: T) => boolean, done: string, failed: string) =>
    task
      .then((result) => {
        if (didSomething(result)) logger.info({ result }, `worker: ${done}`);
      })
      .catch((error) => logger.error({ err: error }, `worker: ${failed}`));
  const counted = (count: number) => count > 0;
  const sweep = () => {
    const now = new Date();
    const holds = logged(expireHolds(db, now), counted, 'cancelled expired holds', 'hold sweep failed');
    // A lapsed waitlist offer passes to the next person; then seats freed one at a time (or by more
    // capacity) that now make a whole series go to a group waiting for one.
    const offers = logged(
      expireOffers(db, now, options.publicUrl),
      counted,
      'passed lapsed waitlist offers on',
      'offer sweep failed',
    ).then(() =>
      logged(
        offerFreedSeriesSeats(db, now, options.publicUrl),
        counted,
        'offered series to waiting groups',
        'series offer sweep failed',
      ),
    );
    // A retry comes within seconds or hours; after a day the key is forgotten (ADR 026).
    const keys = logged(
      pruneIdempotencyKeys(db, now),
      counted,
      'forgot idempotency keys older than a day',
      'idempotency key sweep failed',
    );
    // What only grows: old rate-limit windows, spent sign-in/reset/invitation tokens, expired logins.
    const housekeeping = logged(
      pruneAccountsHousekeeping(db, now),
      (pruned) => pruned.rateLimits + pruned.tokens + pruned.sessions > 0,
      'pruned rate-limit windows, spent tokens and expired logins',
      'housekeeping sweep failed',
    );
    sweeping = Promise.all([holds, offers, keys, housekeeping]).then(() => undefined);
  };
  const timer = setInterval(sweep, options.sweepIntervalMs ?? HOLD_SWEEP_INTERVAL_MS);
  timer.unref();

  const mailer = chooseMailer(db, options.email);
  const outbox = options.outbox ?? {};
  const relay = await startRelay({
    db,
    logger,
    deliver: createDispatcher({ db, mailer, from: options.email.from, webhooks: options.webhooks }),
    listen: (wake) => listenForOutboxEvents(handle, wake),
    concurrency: outbox.concurrency,
    mailConcurrency: outbox.mailConcurrency,
    leaseMs: outbox.leaseMs,
    pollIntervalMs: outbox.pollIntervalMs,
    backoff: { ...DEFAULT_BACKOFF, maxAttempts: outbox.maxAttempts ?? DEFAULT_BACKOFF.maxAttempts },
    retentionMs: outbox.retentionDays === undefined ? undefined : outbox.retentionDays * 86_400_000,
  });
  logger.info({ mailer: mailer.provider }, 'worker: started');
  return {
    relay,
    async stop() {
      clearInterval(timer);
      await relay.stop();
      await sweeping;
      logger.info('worker: stopped');
    },
  };
}
