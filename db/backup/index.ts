import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors';
import { backupEmbedded, restoreEmbedded } from './embedded-backup';
import { backupPostgres, restorePostgres } from './postgres-backup';

/** Where the database is: DATABASE_URL (PostgreSQL), else the embedded one in DATA_DIR. */
export interface DatabaseLocation {
  databaseUrl?: string;
  dataDir: string;
}

type BackupKind = 'postgres' | 'embedded';

/** pg_dump's custom format starts with "PGDMP"; PGlite's dump is a gzipped tarball. */
function backupKindOf(file: string): BackupKind | undefined {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  return undefined;
}

export async function backupDatabase(
  location: DatabaseLocation,
  outFile: string,
  options: { force: boolean },
): Promise<string> {
  const out = path.resolve(outFile);
  if (fs.existsSync(out) && !options.force)
    throw new AppError('conflict', `--out: ${out} already exists; choose another name, or add --force to replace it.`);
  if (!fs.existsSync(path.dirname(out)))
    throw new AppError('validation', `--out: the folder ${path.dirname(out)} does not exist.`);
  if (location.databaseUrl) {
    const { serverMajor, clientMajor } = await backupPostgres(location.databaseUrl, out);
    return `Backed up the PostgreSQL database (server ${serverMajor}, pg_dump ${clientMajor}) to ${out}.`;
  }
  const dataDir = path.resolve(location.dataDir);
  await backupEmbedded(dataDir, out);
  return `Backed up the embedded database in ${dataDir} to ${out}.`;
}

export async function restoreDatabase(
  location: DatabaseLocation,
  inFile: string,
  options: { force: boolean },
): Promise<string> {
  const file = path.resolve(inFile);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('not_found', `--in: no file at ${file}.`);
  const kind = backupKindOf(file);
  if (!kind)
    throw new AppError(
      'validation',
      `--in: ${file} is not an Infra24 backup (neither pg_dump's custom format nor a PGlite tarball).`,
    );
  const target: BackupKind = location.databaseUrl ? 'postgres' : 'embedded';
  if (kind !== target) {
    throw new AppError(
      'validation',
      kind === 'postgres'
        ? `--in: ${file} is a PostgreSQL backup; restore it with DATABASE_URL set. To move data to the embedded database, use org export and org import.`
        : `--in: ${file} is a backup of an embedded database; restore it without DATABASE_URL (into DATA_DIR). To move data to PostgreSQL, use org export and org import.`,
    );
  }
  if (location.databaseUrl) {
    await restorePostgres(location.databaseUrl, file, options);
    return `Restored ${file} into the PostgreSQL database. Start Infra24 on it: migrations newer than the backup are applied at start.`;
  }
  const dataDir = path.resolve(location.dataDir);
  await restoreEmbedded(dataDir, file, options);
  return `Restored ${file} into the embedded database in ${dataDir}. Start Infra24 on it: migrations newer than the backup are applied at start.`;
}
