import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;

/** What both drivers (pg and PGlite) return from `execute`: at least the rows. */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: { rows: Record<string, unknown>[] };
}

export type Database = PgDatabase<RowsResultHKT, Schema>;
export type Transaction = PgTransaction<RowsResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: reads and writes that can join a caller's transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The embedded database itself, for the few things drizzle cannot do (clone, dump). */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** Resolves if the database answers within `timeoutMs`, else rejects: the readiness check. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL's limits on a request's work; 0 turns one off. PGlite has one backend in-process and none of these. */
export interface PostgresTimeouts {
  /** A statement running longer is cancelled (57014). */
  statementMs?: number;
  /** A statement waiting longer for a lock gives up (55P03). */
  lockMs?: number;
  /** Waiting longer for a pooled or new connection fails. */
  connectMs?: number;
  /** A transaction idle this long is ended by the server, releasing its locks. */
  idleInTransactionMs?: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: Required<PostgresTimeouts> = {
  statementMs: 10_000,
  lockMs: 5_000,
  connectMs: 2_000,
  idleInTransactionMs: 30_000,
};

function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function openPostgres(
  url: string,
  options: { maxConnections?: number; timeouts?: PostgresTimeouts } = {},
): DatabaseHandle {
  const timeouts = { ...DEFAULT_POSTGRES_TIMEOUTS, ...options.timeouts };
  const sessionSettings = {
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    connectionTimeoutMillis: timeouts.connectMs,
  };
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, ...sessionSettings });
  // An idle connection the server ended (restart, failover, a dropped database) is only discarded by
  // the pool; unheard, its error would end the process. The next query opens a fresh connection.
  pool.on('error', () => undefined);
  // The pool listens for errors only while a connection is idle: one terminated while checked out
  // (in a transaction, holding LISTEN) would otherwise end the process. Its query fails; the pool drops it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // The readiness check has a connection of its own, so a pool busy with slow requests cannot hold it up.
  const probe = new pg.Pool({ connectionString: url, max: 1, ...sessionSettings, idleTimeoutMillis: 60_000 });
  probe.on('error', () => undefined);
  probe.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    pool,
    ping: async (timeoutMs) => {
      await withDeadline(probe.query({ text: 'select 1', query_timeout: timeoutMs } as pg.QueryConfig), timeoutMs);
    },
    close: async () => {
      await Promise.all([pool.end(), probe.end()]);
    },
  };
}

/** `dataDir` undefined: in memory. The extension must be loaded every time the directory is opened. */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : 'memory://', { extensions: { btree_gist } });
  return wrapPglite(pglite);
}

export function wrapPglite(pglite: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    pglite,
    ping: (timeoutMs) => withDeadline(pglite.query('select 1'), timeoutMs).then(() => undefined),
    close: () => pglite.close(),
  };
}
