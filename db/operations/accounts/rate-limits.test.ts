import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { createTestDatabase } from '../../../tests/support/database';
import { hitRateLimits } from './rate-limits';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const perIp = { limit: 3, windowMs: 3_600_000 };
const perEmail = { limit: 1, windowMs: 3_600_000 };

describe('several rate limits counted in one statement', () => {
  it('counts each key in its own window and says which is exceeded, with the wait', async () => {
    const now = new Date('2030-01-01T10:15:00Z');
    const hit = (email: string) =>
      hitRateLimits(
        database.db,
        [
          { key: 'ip:1', rule: perIp },
          { key: `email:${email}`, rule: perEmail },
        ],
        now,
      );
    expect((await hit('a')).map((r) => r.allowed)).toEqual([true, true]);
    expect((await hit('a')).map((r) => r.allowed)).toEqual([true, false]);
    expect((await hit('b')).map((r) => r.allowed)).toEqual([true, true]);
    const fourth = await hit('c');
    expect(fourth.map((r) => r.allowed)).toEqual([false, true]);
    expect(fourth[0].retryAfterSeconds).toBe(45 * 60);
    // The next hour is a new window.
    const later = await hitRateLimits(database.db, [{ key: 'ip:1', rule: perIp }], new Date('2030-01-01T11:00:00Z'));
    expect(later).toEqual([{ allowed: true, retryAfterSeconds: 3600 }]);
  });
});
