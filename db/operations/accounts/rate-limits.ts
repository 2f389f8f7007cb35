import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { rateLimits } from '../../schema/index';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Counts one hit for `key` in the current fixed window and tells whether it is still allowed.
 * One upsert, so concurrent web processes share the count.
 */
export async function hitRateLimit(
  db: Executor,
  key: string,
  rule: RateLimit,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const [result] = await hitRateLimits(db, [{ key, rule }], now);
  return result;
}

/** Several limits counted in one statement (a request limited per address and per email), in the given order. */
export async function hitRateLimits(
  db: Executor,
  checks: Array<{ key: string; rule: RateLimit }>,
  now = new Date(),
): Promise<Array<{ allowed: boolean; retryAfterSeconds: number }>> {
  const windows = checks.map(({ rule }) => new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs));
  const rows = await db
    .insert(rateLimits)
    .values(checks.map(({ key }, i) => ({ key, windowStart: windows[i], hits: 1 })))
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ key: rateLimits.key, hits: rateLimits.hits });
  const hitsByKey = new Map(rows.map((row) => [row.key, row.hits]));
  return checks.map(({ key, rule }, i) => ({
    allowed: (hitsByKey.get(key) ?? 0) <= rule.limit,
    retryAfterSeconds: Math.ceil((windows[i].getTime() + rule.windowMs - now.getTime()) / 1000),
  }));
}

/** Counts every check (one statement) and returns the first that is over its limit, if any. */
export async function firstExceeded<T extends { key: string; rule: RateLimit }>(
  db: Executor,
  checks: T[],
  now = new Date(),
): Promise<(T & { retryAfterSeconds: number }) | undefined> {
  const results = await hitRateLimits(db, checks, now);
  const index = results.findIndex((result) => !result.allowed);
  return index === -1 ? undefined : { ...checks[index], retryAfterSeconds: results[index].retryAfterSeconds };
}
