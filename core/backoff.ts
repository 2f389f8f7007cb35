/** Retry delays: exponential from `baseMs`, capped at `capMs`, with full jitter (AWS architecture blog). */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Attempts in all before a row is dead-lettered. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 6 * 60 * 60_000, maxAttempts: 12 };

/** The ceiling of the delay after failed attempt number `attempt` (1-based): base·2^(attempt-1), capped. */
export function backoffCeilingMs(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Full jitter: anywhere in [0, ceiling), so relays that failed together do not retry together.
 * A receiver's own Retry-After is a floor.
 */
export function retryDelayMs(policy: BackoffPolicy, attempt: number, random: () => number, retryAfterMs = 0): number {
  return Math.max(Math.floor(random() * backoffCeilingMs(policy, attempt)), retryAfterMs);
}
