export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Who an attempt is counted against: the client address, the email it names, or the two together. */
export type RateLimitSubject = 'perIp' | 'perEmail' | 'perEmailAndIp';
export type RateLimitRules = Partial<Record<RateLimitSubject, RateLimitRule>>;

/** "Try again in 3 minutes", for a page. */
export function retryIn(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
