import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { AppError } from '../../core/errors';
import { openPglite } from '../client';
import { acquireEmbeddedLock } from '../embedded-lock';
import { describeFilledTables, tablesWithRows } from './database-content';

/** Where openConfiguredDatabase keeps the embedded database inside DATA_DIR. */
function databaseDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

function exists(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Holding the embedded database's lock while copying it guarantees that nothing writes meanwhile:
 * a running server holds that lock, and then this refuses, naming it (EmbeddedDatabaseBusyError).
 */
async function whileLocked<T>(dataDir: string, purpose: string, work: () => Promise<T>): Promise<T> {
  const release = acquireEmbeddedLock(dataDir, purpose);
  try {
    return await work();
  } finally {
    release();
  }
}

/** A gzipped tarball of the data directory (PGlite's dumpDataDir), written whole or not at all. */
export async function backupEmbedded(dataDir: string, outFile: string): Promise<void> {
  await whileLocked(dataDir, 'a backup (npm run cli -- db backup)', async () => {
    if (!exists(databaseDir(dataDir)))
      throw new AppError('not_found', `There is no embedded database in ${dataDir} to back up.`);
    const handle = await openPglite(databaseDir(dataDir));
    const partial = `${outFile}.partial-${process.pid}`;
    try {
      const tarball = await handle.pglite!.dumpDataDir('gzip');
      fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      fs.renameSync(partial, outFile);
    } finally {
      fs.rmSync(partial, { force: true });
      await handle.close();
    }
  });
}

async function filledTables(dir: string): Promise<string[]> {
  if (!exists(dir)) return [];
  const handle = await openPglite(dir);
  try {
    return await tablesWithRows(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * Unpacks the backup beside the current database and opens it there; only once that worked does it
 * take the current one's place, so a bad file leaves the current database as it was.
 */
export async function restoreEmbedded(dataDir: string, inFile: string, options: { force: boolean }): Promise<void> {
  await whileLocked(dataDir, 'a restore (npm run cli -- db restore)', async () => {
    const current = databaseDir(dataDir);
    const filled = await filledTables(current);
    if (filled.length && !options.force) {
      throw new AppError(
        'conflict',
        `The embedded database in ${dataDir} is not empty (rows in ${describeFilledTables(filled)}). Restoring replaces everything in it: add --force to do that, or restore into another DATA_DIR.`,
      );
    }
    const staging = `${current}.restoring`;
    const replaced = `${current}.replaced`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(replaced, { recursive: true, force: true });
    try {
      const restored = await PGlite.create({
        dataDir: `file://${staging}`,
        loadDataDir: new Blob([fs.readFileSync(inFile)]),
        extensions: { btree_gist },
      });
      await restored.query('select 1');
      await restored.close();
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new AppError(
        'validation',
        `${inFile} could not be opened as an embedded database backup: ${(error as Error).message}`,
      );
    }
    if (fs.existsSync(current)) fs.renameSync(current, replaced);
    fs.renameSync(staging, current);
    fs.rmSync(replaced, { recursive: true, force: true });
  });
}
