import { spanLimitsFromConfig, type Config } from '../core/config';
import { setSpanLimits } from '../core/span-limits';

/** Every span the API and the pages accept is bounded by the configured limits (ADR 024). */
export function setSpanLimitsFromConfig(config: Config): void {
  setSpanLimits(spanLimitsFromConfig(config));
}
