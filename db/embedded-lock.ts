import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: two processes opening one data directory would corrupt it.
 * A lock file with the holder's pid lets a second process say so plainly instead.
 */
export class EmbeddedDatabaseBusyError extends Error {}

interface LockInfo {
  pid: number;
  purpose: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

export function acquireEmbeddedLock(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'infra24.lock');
  const info: LockInfo = { pid: process.pid, purpose, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      return () => {
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${path.resolve(dataDir)} is in use by ${holder.purpose} (pid ${holder.pid}, since ${holder.startedAt}).\n` +
            'PGlite serves one process at a time: stop that process first, or run both against PostgreSQL with DATABASE_URL.',
        );
      }
      fs.rmSync(file, { force: true }); // left behind by a process that is gone
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not take the lock ${file}`);
}
