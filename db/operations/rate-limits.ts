import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rateLimits } from '../schema/index';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Counts one hit for `key` in the current fixed window and tells whether it is still allowed.
 * One upsert, so concurrent web processes share the count.
 */
export async function hitRateLimit(db: Executor, key: string, rule: RateLimit, now = new Date()): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000);
  return { allowed: row.hits <= rule.limit, retryAfterSeconds };
}
