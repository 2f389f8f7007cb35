import { describe, expect, it } from 'vitest';
import { timeZoneOptions } from './time-zone-field';

describe('the time zones to choose from', () => {
  it('offers every zone of the runtime, searchable by its parts, written with spaces', () => {
    const options = timeZoneOptions('America/New_York');
    expect(options.length).toBeGreaterThan(300);
    expect(options).toContainEqual({
      value: 'America/New_York',
      label: 'America/New York',
      keywords: ['America', 'New_York'],
    });
    expect(options.filter((o) => o.value === 'America/New_York')).toHaveLength(1);
  });

  it('keeps the current zone where the runtime leaves it out of its list', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    const current = zones.includes('UTC') ? 'Etc/Unknown-For-Test' : 'UTC';
    expect(timeZoneOptions(current)[0].value).toBe(current);
  });
});
