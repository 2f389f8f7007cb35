import fs from 'node:fs';
import { createTestDatabase, hasPostgres, type TestDatabase } from './database';
import { assertBuilt, freePort, startProcess, temporaryDirectory, type RunningProcess } from './processes';

export interface AppServer {
  baseUrl: string;
  process: RunningProcess;
  database?: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The real product (server.ts all) with the demo organizations, on a free port: on a PostgreSQL
 * database of the test file's own, or on an embedded one in a temporary directory.
 */
export async function startAppServer(): Promise<AppServer> {
  assertBuilt();
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env: Record<string, string> = { PORT: String(port), PUBLIC_URL: baseUrl, DEMO: '1', LOG_LEVEL: 'warn' };
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  if (hasPostgres()) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url!;
  } else {
    dataDir = temporaryDirectory('infra24-app-');
    env.DATA_DIR = dataDir;
    env.DATABASE_URL = '';
  }
  const process = startProcess('server.ts', ['all'], env);
  await process.waitFor(/API reference/, 90_000);
  return {
    baseUrl,
    process,
    database,
    async stop() {
      await process.stop();
      await database?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
