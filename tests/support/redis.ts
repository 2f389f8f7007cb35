import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { whyRedisUnreachable } from '../../collab-server/redis';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL || DEFAULT_TEST_REDIS_URL;
}

/** The Redis the run found reachable (global setup), or null. */
export function reachableRedisUrl(): string | null {
  return inject('redisUrl');
}

/** A key prefix of this test's own, so runs sharing one Redis never hear each other. */
export function uniqueRedisPrefix(): string {
  return `infra24-test-${randomBytes(6).toString('hex')}`;
}

/** The redis-server program, for suites that stop and start a Redis of their own. */
export function redisServerProgram(): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'redis-server'))
    .find((file) => fs.existsSync(file));
}

export interface OwnRedis {
  url: string;
  /** Ends it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A Redis of the test's own on a free port, keeping nothing on disk. */
export async function startOwnRedis(program: string, port: number): Promise<OwnRedis> {
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const own: OwnRedis = {
    url,
    async kill() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async start() {
      child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      const deadline = Date.now() + 10_000;
      while ((await whyRedisUnreachable(url, 1_000)) !== undefined) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`redis-server did not start on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
  await own.start();
  return own;
}
