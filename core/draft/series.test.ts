import { describe, expect, it } from 'vitest';
import { weeklySeries } from './series';

describe('a weekly series in the organization time zone', () => {
  it('keeps 18:00–20:00 local across the spring-forward change (2030-03-10)', () => {
    const sessions = weeklySeries({
      firstDate: '2030-02-26',
      start: '18:00',
      end: '20:00',
      weeks: 4,
      timeZone: 'America/New_York',
    });
    expect(sessions).toEqual([
      { startsAt: '2030-02-26T23:00:00.000Z', endsAt: '2030-02-27T01:00:00.000Z' }, // EST
      { startsAt: '2030-03-05T23:00:00.000Z', endsAt: '2030-03-06T01:00:00.000Z' },
      { startsAt: '2030-03-12T22:00:00.000Z', endsAt: '2030-03-13T00:00:00.000Z' }, // EDT
      { startsAt: '2030-03-19T22:00:00.000Z', endsAt: '2030-03-20T00:00:00.000Z' },
    ]);
  });

  it('keeps it across the fall-back change (2030-11-03) too', () => {
    const sessions = weeklySeries({
      firstDate: '2030-10-29',
      start: '18:00',
      end: '20:00',
      weeks: 2,
      timeZone: 'America/New_York',
    });
    expect(sessions.map((s) => s.startsAt)).toEqual(['2030-10-29T22:00:00.000Z', '2030-11-05T23:00:00.000Z']);
  });

  it('refuses an end before the start', () => {
    expect(() =>
      weeklySeries({ firstDate: '2030-02-26', start: '20:00', end: '18:00', weeks: 2, timeZone: 'America/New_York' }),
    ).toThrow('end must be after start');
  });
});
