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
  close(): Promise<void>;
}

export function openPostgres(url: string, options: { maxConnections?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle connection the server ended (restart, failover, a dropped database) is only discarded by
  // the pool; unheard, its error would end the process. The next query opens a fresh connection.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  return { db, kind: 'postgres', pool, close: () => pool.end() };
}

/** `dataDir` undefined: in memory. The extension must be loaded every time the directory is opened. */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : 'memory://', { extensions: { btree_gist } });
  return wrapPglite(pglite);
}

export function wrapPglite(pglite: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}
