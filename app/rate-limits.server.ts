import type { AppLoadContext } from '@remix-run/node';
import { type RateLimitedAction, rateLimits } from '../config/rate-limits';
import { countAttempt } from '../db/operations/accounts/rate-limits';

/** Counts a page's attempt at `action` against its configured limits (core/rate-limits.ts); the first exceeded, if any. */
export function limitAttempt(context: AppLoadContext, action: RateLimitedAction, who: { email?: string } = {}) {
  return countAttempt(context.db, action, rateLimits(context.config)[action], { ip: context.clientIp, ...who });
}
