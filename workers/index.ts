import type { Logger } from 'pino';
import { DEFAULT_BACKOFF } from '../core/backoff';
import type { DatabaseHandle } from '../db/client';
import { expireHolds } from '../db/operations/bookings/booking-guards';
import { offerFreedSeriesSeats } from '../db/operations/registrations/series-waitlist';
import { expireOffers } from '../db/operations/registrations/waitlist';
import { listenForOutboxEvents } from '../db/notifications';
import { createDispatcher } from './dispatch';
import { createDevMailbox } from './mailer/dev-mailbox';
import { createResendMailer } from './mailer/resend';
import { createRoutingMailer, createSmtpMailer } from './mailer/smtp';
import type { Mailer } from './mailer/types';
import { startRelay, type Relay } from './relay';

export interface Worker {
  relay: Relay;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  handle: DatabaseHandle;
  logger: Logger;
  email: { from: string; resendApiKey?: string; resendBaseUrl?: string; smtpUrl?: string };
  /** Where links in emails point (waitlist offers passed on by the sweep). */
  publicUrl: string;
  outbox?: {
    concurrency?: number;
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

/** The background process: the outbox relay (emails, webhooks, reminders) and the sweeps of expired holds and waitlist offers. */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { handle } = options;
  const db = handle.db;
  const logger = options.logger.child({ process: 'worker' });
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    const now = new Date();
    const holds = expireHolds(db, now)
      .then((count) => {
        if (count > 0) logger.info({ count }, 'worker: cancelled expired holds');
      })
      .catch((error) => logger.error({ err: error }, 'worker: hold sweep failed'));
    // A lapsed waitlist offer passes to the next person.
    const offers = expireOffers(db, now, options.publicUrl)
      .then((count) => {
        if (count > 0) logger.info({ count }, 'worker: passed lapsed waitlist offers on');
      })
      .catch((error) => logger.error({ err: error }, 'worker: offer sweep failed'))
      // Then seats freed one at a time (or by more capacity) that now make a whole series for a group waiting.
      .then(() => offerFreedSeriesSeats(db, now, options.publicUrl))
      .then((count) => {
        if (count) logger.info({ count }, 'worker: offered series to waiting groups');
      })
      .catch((error) => logger.error({ err: error }, 'worker: series offer sweep failed'));
    sweeping = Promise.all([holds, offers]).then(() => undefined);
  };
  const timer = setInterval(sweep, options.sweepIntervalMs ?? HOLD_SWEEP_INTERVAL_MS);
  timer.unref();

  const mailer = chooseMailer(db, options.email);
  const outbox = options.outbox ?? {};
  const relay = await startRelay({
    db,
    logger,
    deliver: createDispatcher({ db, mailer, from: options.email.from }),
    listen: (wake) => listenForOutboxEvents(handle, wake),
    concurrency: outbox.concurrency,
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
