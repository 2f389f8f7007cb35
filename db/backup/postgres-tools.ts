import { spawn } from 'node:child_process';
import { AppError } from '../../core/errors';

/**
 * The PostgreSQL client programs (pg_dump, pg_restore, psql) as found on PATH. The password travels
 * in PGPASSWORD, not on the command line, where `ps` would show it to every user of the machine.
 */
export interface ToolRun {
  stdout: string;
  stderr: string;
}

export function connectionForTools(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

function missingTool(program: string): AppError {
  return new AppError(
    'unavailable',
    `${program} was not found on PATH. Install the PostgreSQL client tools of your server's major version (Debian: apt-get install postgresql-client-16) and put their bin directory first in PATH (Debian: /usr/lib/postgresql/16/bin).`,
  );
}

/** Runs a client program to completion; a non-zero exit becomes an error carrying what it printed. */
export function runTool(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? missingTool(program) : error),
    );
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new AppError('unavailable', `${program} failed (exit ${code}):\n${stderr.trim()}`));
    });
  });
}

/** "pg_dump (PostgreSQL) 15.20 (Debian …)" → 15. */
export async function toolMajorVersion(program: string): Promise<number> {
  const { stdout } = await runTool(program, ['--version'], process.env);
  const match = stdout.match(/\(PostgreSQL\)\s+(\d+)/);
  if (!match) throw new AppError('unavailable', `Could not read the version of ${program}: "${stdout.trim()}"`);
  return Number(match[1]);
}
