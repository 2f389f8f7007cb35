import { createTimeFormatter, organizationTimeFormat, type TimeFormatter } from '../core/time-format';
import type { Organization } from '../db/operations/accounts/organizations';

/** The organization's formatter for loaders and actions: its zone, locale and clock (ADR 034). */
export function orgTimeFormatter(org: Pick<Organization, 'timeZone' | 'settings'>): TimeFormatter {
  return createTimeFormatter(organizationTimeFormat(org));
}
