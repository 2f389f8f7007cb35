import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

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
