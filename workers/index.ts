import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { expireHolds } from '../db/operations/booking-guards';
import { expireOffers } from '../db/operations/waitlist';

export interface Worker {
  stop(): Promise<void>;
}

const HOLD_SWEEP_INTERVAL_MS = 30_000;

/**
 * The background process. Today it sweeps expired booking holds and lapsed waitlist offers; outbox delivery joins it with the
 * worker issue (the rows are already written).
 */
export function startWorker(options: { db: Database; logger: Logger; publicUrl: string; sweepIntervalMs?: number }): Worker {
  const logger = options.logger.child({ process: 'worker' });
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    const now = new Date();
    const holds = expireHolds(options.db, now)
      .then((count) => {
        if (count > 0) logger.info({ count }, 'worker: cancelled expired holds');
      })
      .catch((error) => logger.error({ err: error }, 'worker: hold sweep failed'));
    // A lapsed waitlist offer passes to the next person (links in their email point at publicUrl).
    const offers = expireOffers(options.db, now, options.publicUrl)
      .then((count) => {
        if (count > 0) logger.info({ count }, 'worker: passed lapsed waitlist offers on');
      })
      .catch((error) => logger.error({ err: error }, 'worker: offer sweep failed'));
    running = Promise.all([holds, offers]).then(() => undefined);
  };
  const timer = setInterval(sweep, options.sweepIntervalMs ?? HOLD_SWEEP_INTERVAL_MS);
  timer.unref();
  logger.info('worker: started');
  return {
    async stop() {
      clearInterval(timer);
      await running;
      logger.info('worker: stopped');
    },
  };
}
