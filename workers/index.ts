import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { expireHolds } from '../db/operations/booking-guards';

export interface Worker {
  stop(): Promise<void>;
}

const HOLD_SWEEP_INTERVAL_MS = 30_000;

/**
 * The background process. Today it sweeps expired booking holds; outbox delivery joins it with the
 * worker issue (the rows are already written).
 */
export function startWorker(options: { db: Database; logger: Logger; sweepIntervalMs?: number }): Worker {
  const logger = options.logger.child({ process: 'worker' });
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = expireHolds(options.db, new Date())
      .then((count) => {
        if (count > 0) logger.info({ count }, 'worker: cancelled expired holds');
      })
      .catch((error) => logger.error({ err: error }, 'worker: hold sweep failed'));
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
