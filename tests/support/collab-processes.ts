import { freePort, startProcess, type RunningProcess } from './processes';

export const TEST_SERVICE_TOKEN = 'a-service-token-for-tests-0123456789abcdef';

export interface CollabProcess {
  process: RunningProcess;
  /** Its /collab WebSocket address. */
  url: string;
}

/**
 * A real collab process (`server.ts collab`) on a free port, passing documents on through Redis.
 * It joins `started` before it is waited for, so a test's afterAll stops it even if it never got ready.
 */
export async function startCollabProcess(options: {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  started: RunningProcess[];
}): Promise<CollabProcess> {
  const port = await freePort();
  const process = startProcess('server.ts', ['collab'], {
    DATABASE_URL: options.databaseUrl,
    DEMO: '0',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    COLLAB_SERVICE_TOKEN: TEST_SERVICE_TOKEN,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
  });
  options.started.push(process);
  await process.waitFor(/API reference/, 90_000);
  return { process, url: `ws://127.0.0.1:${port}/collab` };
}
