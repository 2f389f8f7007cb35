import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { inject } from 'vitest';
import { openPostgres, wrapPglite, type DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { databaseUrl, withAdminClient } from './postgres';
import { reachableRedisUrl, redisServerProgram, testRedisUrl } from './redis';

export interface TestDatabase extends DatabaseHandle {
  /** Set on PostgreSQL: a URL other processes (a server under test) can connect to. */
  url?: string;
}

export function hasPostgres(): boolean {
  return inject('postgresTemplate') !== null;
}

/**
 * For suites that need parallel connections (races, SKIP LOCKED): true when they cannot run, after
 * recording why, so the run ends by listing them. Use as `describe.skipIf(needsPostgres('…'))`.
 */
export function needsPostgres(suite: string): boolean {
  if (hasPostgres()) return false;
  recordSkippedSuite(
    suite,
    'needs PostgreSQL for parallel connections; set TEST_DATABASE_URL or start it on 127.0.0.1:5432',
  );
  return true;
}

/** For suites that run several collab processes: true when Redis cannot be reached, after recording why. */
export function needsRedis(suite: string): boolean {
  if (reachableRedisUrl()) return false;
  recordSkippedSuite(suite, `needs Redis; set TEST_REDIS_URL or start it on ${testRedisUrl()}`);
  return true;
}

/** For suites that stop and start a Redis of their own: true when redis-server is not installed, after recording why. */
export function needsRedisServer(suite: string): boolean {
  if (redisServerProgram()) return false;
  recordSkippedSuite(suite, 'needs the redis-server program (apt-get install redis-server) to run a Redis of its own');
  return true;
}

/** Remembers a suite that cannot run here and why; the run ends by listing them (global setup). */
export function recordSkippedSuite(suite: string, reason: string): void {
  fs.mkdirSync('.cache', { recursive: true });
  fs.appendFileSync(path.resolve('.cache/skipped-suites.log'), `${suite}: ${reason}\n`);
}

let migratedPglite: Promise<PGlite> | undefined;

/** A fresh, migrated database of this test file's own: a clone of the template (PostgreSQL) or of a migrated PGlite. */
export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const template = inject('postgresTemplate');
  if (template) {
    const name = `infra24_test_${randomBytes(6).toString('hex')}`;
    await withAdminClient((admin) => admin.query(`create database ${name} template ${template}`));
    const url = databaseUrl(name);
    const handle = openPostgres(url, { maxConnections: options.maxConnections ?? 20 });
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        await withAdminClient((admin) => admin.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  migratedPglite ??= (async () => {
    const pglite = await PGlite.create({ extensions: { btree_gist } });
    await migrateDatabase(wrapPglite(pglite));
    return pglite;
  })();
  return wrapPglite((await (await migratedPglite).clone()) as PGlite);
}
