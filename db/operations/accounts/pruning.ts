import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../client';
import { authSessions, authTokens, rateLimits } from '../../schema/index';

/** Every rate-limit window is an hour or less; a day later its row can tell nothing. */
const RATE_LIMIT_ROWS_KEPT_MS = 24 * 3_600_000;
/** Used or expired sign-in, reset and invitation tokens are kept a day (to answer "this link was used"), then go. */
const SPENT_TOKENS_KEPT_MS = 24 * 3_600_000;

export interface Pruned {
  rateLimits: number;
  tokens: number;
  sessions: number;
}

/** Deletes what only grows: old rate-limit windows, spent tokens and expired login sessions (the worker's sweep). */
export async function pruneAccountsHousekeeping(db: Executor, now = new Date()): Promise<Pruned> {
  const limitsBefore = new Date(now.getTime() - RATE_LIMIT_ROWS_KEPT_MS);
  const tokensBefore = new Date(now.getTime() - SPENT_TOKENS_KEPT_MS);
  const limits = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, limitsBefore))
    .returning({ key: rateLimits.key });
  const tokens = await db
    .delete(authTokens)
    .where(
      or(
        and(isNotNull(authTokens.usedAt), lt(authTokens.usedAt, tokensBefore)),
        lt(authTokens.expiresAt, tokensBefore),
      ),
    )
    .returning({ id: authTokens.id });
  const sessions = await db
    .delete(authSessions)
    .where(lt(authSessions.expiresAt, now))
    .returning({ id: authSessions.id });
  return { rateLimits: limits.length, tokens: tokens.length, sessions: sessions.length };
}
