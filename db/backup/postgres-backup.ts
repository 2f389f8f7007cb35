import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { openPostgres } from '../client';
import { describeFilledTables, tablesWithRows } from './database-content';
import { connectionForTools, runTool, toolMajorVersion } from './postgres-tools';

export interface PostgresBackupReport {
  serverMajor: number;
  clientMajor: number;
}

interface DatabaseState {
  serverMajor: number;
  hasTables: boolean;
  filledTables: string[];
}

async function inspect(databaseUrl: string): Promise<DatabaseState> {
  const handle = openPostgres(databaseUrl, { maxConnections: 1 });
  try {
    const { rows } = await handle.db.execute(sql`select current_setting('server_version_num')::int as version`);
    const serverMajor = Math.floor((rows[0] as { version: number }).version / 10_000);
    const tables = await handle.db.execute(sql`select 1 from pg_tables where schemaname in ('public', 'drizzle')`);
    return { serverMajor, hasTables: tables.rows.length > 0, filledTables: await tablesWithRows(handle.db) };
  } finally {
    await handle.close();
  }
}

/** pg_dump can read servers of its own major version and older ones only. */
async function requireClientFor(program: string, serverMajor: number): Promise<number> {
  const clientMajor = await toolMajorVersion(program);
  if (clientMajor < serverMajor) {
    throw new AppError(
      'unavailable',
      `${program} is version ${clientMajor} but the server runs PostgreSQL ${serverMajor}: install the client tools of version ${serverMajor} or newer (Debian: postgresql-client-${serverMajor}) and put them first in PATH (/usr/lib/postgresql/${serverMajor}/bin).`,
    );
  }
  return clientMajor;
}

/** pg_dump's custom format, taken in one snapshot while the server goes on working; written whole or not at all. */
export async function backupPostgres(databaseUrl: string, outFile: string): Promise<PostgresBackupReport> {
  const { serverMajor } = await inspect(databaseUrl);
  const clientMajor = await requireClientFor('pg_dump', serverMajor);
  const { dbname, env } = connectionForTools(databaseUrl);
  const partial = `${outFile}.partial-${process.pid}`;
  try {
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-acl', '--file', partial, '--dbname', dbname], env);
    fs.renameSync(partial, outFile);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { serverMajor, clientMajor };
}

/**
 * Replaces the whole database with the backup in one transaction: pg_restore turns the archive into
 * SQL first (so a damaged archive stops before anything changes), then psql runs it after dropping
 * what is there, and any error rolls all of it back.
 */
export async function restorePostgres(databaseUrl: string, inFile: string, options: { force: boolean }): Promise<void> {
  const { serverMajor, hasTables, filledTables } = await inspect(databaseUrl);
  if (filledTables.length && !options.force) {
    throw new AppError(
      'conflict',
      `The database at DATABASE_URL is not empty (rows in ${describeFilledTables(filledTables)}). Restoring replaces everything in it: add --force to do that, or restore into a new, empty database.`,
    );
  }
  await requireClientFor('pg_restore', serverMajor);
  const { dbname, env } = connectionForTools(databaseUrl);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra24-restore-'));
  try {
    const script = path.join(workDir, 'restore.sql');
    await runTool('pg_restore', ['--no-owner', '--no-acl', '--file', script, inFile], env);
    // A migrated database, even an empty one, has the tables the backup is about to create. A brand-new
    // one is left as it is, so a role that does not own the public schema can still restore into it.
    const replaceEverything = [
      'set client_min_messages = warning',
      ...(hasTables
        ? ['drop schema if exists drizzle cascade', 'drop schema public cascade', 'create schema public']
        : []),
    ].join('; ');
    await runTool(
      'psql',
      [
        '-X',
        '-q',
        '--single-transaction',
        '-v',
        'ON_ERROR_STOP=1',
        '--dbname',
        dbname,
        '-c',
        replaceEverything,
        '-f',
        script,
      ],
      env,
    );
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
