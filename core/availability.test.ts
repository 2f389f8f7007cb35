import { describe, expect, it } from 'vitest';
import { availabilityRulesSchema, isWithinAvailability, openIntervals, type AvailabilityRules } from './availability';

const NY = 'America/New_York';
const weekdays9to17: AvailabilityRules = {
  weekly: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [{ start: '09:00', end: '17:00' }],
    sun: [{ start: '09:00', end: '17:00' }],
  },
};
const at = (iso: string) => new Date(iso);

describe('availability rules in the resource time zone', () => {
  it('reads weekly hours in local time on both sides of the March 2026 change (EST → EDT on 2026-03-08)', () => {
    // Sunday 2026-03-08 is the day of the change: 09:00 EDT = 13:00Z.
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-03-08T13:00:00Z'), at('2026-03-08T21:00:00Z'))).toBe(true);
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-03-08T12:59:00Z'), at('2026-03-08T14:00:00Z'))).toBe(false);
    // The Monday before it, 09:00 EST = 14:00Z: 13:00Z is 08:00 local, outside.
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-03-02T13:00:00Z'), at('2026-03-02T15:00:00Z'))).toBe(false);
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-03-02T14:00:00Z'), at('2026-03-02T22:00:00Z'))).toBe(true);
    // The Monday after: 09:00 EDT = 13:00Z, 17:00 EDT = 21:00Z.
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-03-09T13:00:00Z'), at('2026-03-09T21:00:00Z'))).toBe(true);
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-03-09T13:00:00Z'), at('2026-03-09T21:30:00Z'))).toBe(false);
  });

  it('reads weekly hours in local time across the November 2026 change (EDT → EST on 2026-11-01)', () => {
    // Sunday 2026-11-01, after the change at 02:00: 09:00 EST = 14:00Z.
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-11-01T13:00:00Z'), at('2026-11-01T14:00:00Z'))).toBe(false);
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-11-01T14:00:00Z'), at('2026-11-01T22:00:00Z'))).toBe(true);
    // Monday 2026-10-26 (EDT) vs Monday 2026-11-02 (EST): the same UTC hour is 09:00 one week and 08:00 the next.
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-10-26T13:00:00Z'), at('2026-10-26T14:00:00Z'))).toBe(true);
    expect(isWithinAvailability(weekdays9to17, NY, at('2026-11-02T13:00:00Z'), at('2026-11-02T14:00:00Z'))).toBe(false);
  });

  it('measures a night shift over the spring-forward gap in real hours', () => {
    const overnight: AvailabilityRules = { weekly: { sun: [{ start: '00:00', end: '04:00' }] } };
    const [open] = openIntervals(overnight, NY, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'));
    // 00:00 EST (05:00Z) to 04:00 EDT (08:00Z): three real hours, the 02:00 hour never happens.
    expect(open.start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(open.end.toISOString()).toBe('2026-03-08T08:00:00.000Z');
  });

  it('measures the repeated hour of fall-back in real hours', () => {
    const overnight: AvailabilityRules = { weekly: { sun: [{ start: '00:00', end: '04:00' }] } };
    const [open] = openIntervals(overnight, NY, at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'));
    // 00:00 EDT (04:00Z) to 04:00 EST (09:00Z): five real hours.
    expect(open.start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(open.end.toISOString()).toBe('2026-11-01T09:00:00.000Z');
  });

  it('joins hours that run past midnight into one open span', () => {
    const lateNight: AvailabilityRules = {
      weekly: { fri: [{ start: '20:00', end: '24:00' }], sat: [{ start: '00:00', end: '02:00' }] },
    };
    // Friday 2026-04-10 22:00 EDT to Saturday 01:00 EDT.
    expect(isWithinAvailability(lateNight, NY, at('2026-04-11T02:00:00Z'), at('2026-04-11T05:00:00Z'))).toBe(true);
    expect(isWithinAvailability(lateNight, NY, at('2026-04-11T02:00:00Z'), at('2026-04-11T07:00:00Z'))).toBe(false);
  });

  it('lets a dated exception replace the weekly hours and a blackout close whole days', () => {
    const rules: AvailabilityRules = {
      ...weekdays9to17,
      exceptions: [{ date: '2026-12-21', hours: [{ start: '12:00', end: '15:00' }] }],
      blackouts: [{ from: '2026-12-28', to: '2026-12-29', reason: 'Holiday closure' }],
    };
    // Monday 2026-12-21: only 12:00–15:00 EST (17:00Z–20:00Z).
    expect(isWithinAvailability(rules, NY, at('2026-12-21T14:00:00Z'), at('2026-12-21T15:00:00Z'))).toBe(false);
    expect(isWithinAvailability(rules, NY, at('2026-12-21T17:00:00Z'), at('2026-12-21T20:00:00Z'))).toBe(true);
    // Monday 2026-12-28 and Tuesday 12-29 are blacked out; Monday 2027-01-04 is a normal day again.
    expect(isWithinAvailability(rules, NY, at('2026-12-28T15:00:00Z'), at('2026-12-28T16:00:00Z'))).toBe(false);
    expect(isWithinAvailability(rules, NY, at('2026-12-29T15:00:00Z'), at('2026-12-29T16:00:00Z'))).toBe(false);
    expect(isWithinAvailability(rules, NY, at('2027-01-04T15:00:00Z'), at('2027-01-04T16:00:00Z'))).toBe(true);
  });

  it('treats no rules as open around the clock', () => {
    expect(isWithinAvailability({}, NY, at('2026-03-08T06:30:00Z'), at('2026-03-08T07:30:00Z'))).toBe(true);
  });

  it('refuses malformed rules with the path of the mistake', () => {
    const result = availabilityRulesSchema.safeParse({
      weekly: { mon: [{ start: '17:00', end: '09:00' }] },
      blackouts: [{ from: '2026-02-30', to: '2026-03-01' }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('weekly.mon.0.end');
    expect(paths).toContain('blackouts.0.from');
  });
});
