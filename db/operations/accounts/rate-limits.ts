import { sql } from 'drizzle-orm';
import type { RateLimitRule, RateLimitRules, RateLimitSubject } from '../../../core/rate-limits';
import type { Executor } from '../../client';
import { rateLimits } from '../../schema/index';
import { normalizeEmail } from './users';

export type RateLimit = RateLimitRule;

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
  const { windows, hitsByKey } = await countHits(db, checks, now);
  return checks.map(({ key, rule }, i) => ({
    allowed: (hitsByKey.get(key) ?? 0) <= rule.limit,
    retryAfterSeconds: Math.ceil((windows[i].getTime() + rule.windowMs - now.getTime()) / 1000),
  }));
}

/** How many times `key` was counted in its current window, this time included. */
export async function countHit(db: Executor, key: string, windowMs: number, now = new Date()): Promise<number> {
  const { hitsByKey } = await countHits(db, [{ key, rule: { limit: 0, windowMs } }], now);
  return hitsByKey.get(key) ?? 0;
}

async function countHits(db: Executor, checks: Array<{ key: string; rule: RateLimit }>, now: Date) {
  const windows = checks.map(({ rule }) => new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs));
  const rows = await db
    .insert(rateLimits)
    .values(checks.map(({ key }, i) => ({ key, windowStart: windows[i], hits: 1 })))
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ key: rateLimits.key, hits: rateLimits.hits });
  return { windows, hitsByKey: new Map(rows.map((row) => [row.key, row.hits])) };
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

/**
 * Counts one attempt at `action` against every subject its rules name (one statement) and returns the
 * first limit exceeded, if any. The email is normalised here, so every caller counts an address alike.
 */
export async function countAttempt(
  db: Executor,
  action: string,
  rules: RateLimitRules,
  who: { ip: string; email?: string },
  now = new Date(),
): Promise<{ subject: RateLimitSubject; retryAfterSeconds: number } | undefined> {
  const email = who.email === undefined ? undefined : normalizeEmail(who.email);
  const values: Record<RateLimitSubject, string | undefined> = {
    perIp: who.ip,
    perEmail: email,
    perEmailAndIp: email === undefined ? undefined : `${email} ${who.ip}`,
  };
  const checks = (Object.entries(rules) as [RateLimitSubject, RateLimitRule][])
    .filter(([subject]) => values[subject] !== undefined)
    .map(([subject, rule]) => ({ key: `${action}:${subject}:${values[subject]}`, rule, subject }));
  if (checks.length === 0) return undefined;
  const exceeded = await firstExceeded(db, checks, now);
  return exceeded && { subject: exceeded.subject, retryAfterSeconds: exceeded.retryAfterSeconds };
}
