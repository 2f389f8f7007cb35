import type { Config } from '../config/env';
import { setSpanLimits, type SpanLimits } from '../core/span-limits';

export function spanLimitsFromConfig(
  config: Pick<Config, 'BOOKING_MAX_DAYS' | 'SESSION_MAX_DAYS' | 'QUERY_MAX_DAYS'>,
): SpanLimits {
  return {
    bookingDays: config.BOOKING_MAX_DAYS,
    sessionDays: config.SESSION_MAX_DAYS,
    queryDays: config.QUERY_MAX_DAYS,
  };
}

/** Every span the API and the pages accept is bounded by the configured limits (ADR 024). */
export function setSpanLimitsFromConfig(config: Config): void {
  setSpanLimits(spanLimitsFromConfig(config));
}
