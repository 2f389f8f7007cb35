import { createTimeFormatter, organizationTimeFormat, type TimeFormatter } from '../core/time-format';
import type { Organization } from '../db/operations/accounts/organizations';

/**
 * The organization's formatter for loaders and actions: its zone, locale and clock (ADR 034). Give
 * `timeZone` to write the times of a place with a zone of its own (a resource, an artist's studio)
 * in the organization's voice.
 */
export function orgTimeFormatter(org: Pick<Organization, 'timeZone' | 'settings'>, timeZone?: string): TimeFormatter {
  const settings = organizationTimeFormat(org);
  return createTimeFormatter({ ...settings, timeZone: timeZone ?? settings.timeZone });
}
