import { z } from 'zod';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'is not an IANA time zone (e.g. America/New_York)' });

/** The zone's canonical IANA name ("america/new_york", "US/Eastern" → "America/New_York"), as stored. */
export const canonicalTimeZone = (zone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
