import { describe, expect, it } from 'vitest';
import { formatTimeRange, shortTimeRange } from './format-time';

const ZONE = 'America/New_York';

describe('time labels in the venue zone', () => {
  it('write a short range for people and for staff, naming the end day only when it differs', () => {
    expect(shortTimeRange('2030-05-07T22:00:00Z', '2030-05-08T00:00:00Z', ZONE)).toBe(
      'Tue 7 May 2030, 6:00 PM – 8:00 PM',
    );
    expect(shortTimeRange('2030-05-07T22:00:00Z', '2030-05-08T00:00:00Z', ZONE, '24h')).toBe(
      'Tue 7 May 2030, 18:00–20:00',
    );
    expect(shortTimeRange('2030-05-08T02:00:00Z', '2030-05-08T05:00:00Z', ZONE)).toBe(
      'Tue 7 May 2030, 10:00 PM – Wed 8 May, 1:00 AM',
    );
  });

  it('follow the clock across the change to daylight time (2030-03-10)', () => {
    expect(shortTimeRange('2030-03-09T23:00:00Z', '2030-03-10T01:00:00Z', ZONE, '24h')).toBe(
      'Sat 9 Mar 2030, 18:00–20:00',
    );
    expect(shortTimeRange('2030-03-10T22:00:00Z', '2030-03-11T00:00:00Z', ZONE, '24h')).toBe(
      'Sun 10 Mar 2030, 18:00–20:00',
    );
    expect(formatTimeRange('2030-03-10T22:00:00Z', '2030-03-11T00:00:00Z', ZONE)).toBe(
      'Sunday, March 10, 2030, 6:00 PM – 8:00 PM EDT',
    );
  });
});
