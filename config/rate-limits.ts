import type { RateLimitRules } from '../core/rate-limits';
import type { Config } from './env';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Every rate limit of Infra24, read from configuration: the one place a limit is declared. Sign-in
 * counts an email per client address, so nobody can lock an account by failing on purpose.
 */
export function rateLimits(config: Config) {
  return {
    signIn: {
      perEmailAndIp: { limit: config.SIGN_INS_PER_EMAIL_AND_IP_PER_15_MIN, windowMs: 15 * MINUTE_MS },
      perIp: { limit: config.SIGN_INS_PER_IP_PER_15_MIN, windowMs: 15 * MINUTE_MS },
    },
    /** Sign-in links, reset links and sign-up confirmations: they share one count per recipient. */
    accountEmail: {
      perEmail: { limit: config.ACCOUNT_EMAILS_PER_EMAIL_PER_HOUR, windowMs: HOUR_MS },
      perIp: { limit: config.ACCOUNT_EMAILS_PER_IP_PER_HOUR, windowMs: HOUR_MS },
    },
    visitRequest: {
      perIp: { limit: config.VISIT_REQUESTS_PER_IP_PER_HOUR, windowMs: HOUR_MS },
      perEmail: { limit: config.VISIT_REQUESTS_PER_EMAIL_PER_HOUR, windowMs: HOUR_MS },
    },
    /** The workshop page and the API count together. */
    registration: {
      perIp: { limit: config.REGISTRATIONS_PER_IP_PER_HOUR, windowMs: HOUR_MS },
      perEmail: { limit: config.REGISTRATIONS_PER_EMAIL_PER_HOUR, windowMs: HOUR_MS },
    },
  } satisfies Record<string, RateLimitRules>;
}

export type RateLimitedAction = keyof ReturnType<typeof rateLimits>;
