import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server the bench databases are created on (any database of it; we connect there to create ours). */
export function benchAdminUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** A small pool for setup and the checks afterwards; the server under test has its own. */
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchAdminUrl(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlOfDatabase(name: string): string {
  const url = new URL(benchAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated database with a random name, so runs never see each other's rows. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `infra24_bench_${randomBytes(6).toString('hex')}`;
  await withAdminClient((admin) => admin.query(`create database ${name}`));
  const url = urlOfDatabase(name);
  const handle = openPostgres(url, { maxConnections: 2 });
  const drop = async () => {
    await handle.close().catch(() => undefined);
    // WITH (FORCE): a server that did not stop cleanly may still hold connections.
    await withAdminClient((admin) => admin.query(`drop database if exists ${name} with (force)`));
  };
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, handle, drop };
}
