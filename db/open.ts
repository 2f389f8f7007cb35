import path from 'node:path';
import { openPglite, openPostgres, type DatabaseHandle } from './client';
import { acquireEmbeddedLock } from './embedded-lock';
import { migrateDatabase } from './migrate';

/** The settings of config/env.ts this needs (db/ does not read the configuration itself). */
export interface DatabaseSettings {
  DATABASE_URL?: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_LOCK_TIMEOUT_MS: number;
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DATA_DIR: string;
}

/**
 * The database a process is configured for, migrated: PostgreSQL with DATABASE_URL, else the
 * embedded PGlite in DATA_DIR (locked to this process).
 */
export async function openConfiguredDatabase(config: DatabaseSettings, purpose: string): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    const handle = openPostgres(config.DATABASE_URL, {
      maxConnections: config.DATABASE_POOL_SIZE,
      timeouts: {
        statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
        lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
        connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
        idleInTransactionMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    });
    await migrateDatabase(handle);
    return handle;
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const release = acquireEmbeddedLock(dataDir, purpose);
  try {
    const handle = await openPglite(path.join(dataDir, 'pglite'));
    await migrateDatabase(handle);
    return {
      ...handle,
      close: async () => {
        try {
          await handle.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
