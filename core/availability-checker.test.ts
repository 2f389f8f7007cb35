import { describe, expect, it } from 'vitest';
import { isWithinAvailability, type AvailabilityRules } from './availability';
import { availabilityChecker } from './availability-checker';
import { seededRandom } from './draft/repair-fixtures';

const HOUR = 3_600_000;
const weekdays = { start: '09:00', end: '21:00' };

/** Rules with the edges a day can have: past midnight, up to 24:00, from 00:00, in the hour a change skips or repeats. */
const RULES: Record<string, AvailabilityRules> = {
  weekdays: { weekly: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays] } },
  nights: {
    weekly: {
      fri: [{ start: '20:00', end: '24:00' }],
      sat: [{ start: '00:00', end: '24:00' }],
      sun: [
        { start: '00:00', end: '01:30' },
        { start: '01:30', end: '02:30' },
        { start: '03:00', end: '24:00' },
      ],
      mon: [{ start: '00:00', end: '04:00' }],
    },
  },
  allWeek: {
    weekly: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]),
    ),
  },
  exceptions: {
    weekly: { sat: [{ start: '10:00', end: '16:00' }], sun: [{ start: '10:00', end: '16:00' }] },
    exceptions: [
      { date: '2026-03-08', hours: [{ start: '01:00', end: '05:00' }] },
      { date: '2026-11-01', hours: [{ start: '00:00', end: '24:00' }] },
      { date: '2026-11-02', hours: [] },
    ],
    blackouts: [{ from: '2026-03-28', to: '2026-03-30' }],
  },
  blackoutsOnly: { blackouts: [{ from: '2026-10-24', to: '2026-10-25' }] },
};

/** Zones whose clocks change at 02:00 (New York), 01:00 UTC (London), by half an hour (Lord Howe), at midnight (Santiago). */
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'UTC'];

/** Near the 2026 changes of every zone above, so most intervals touch a day the clocks change. */
const AROUND = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-10-04', '2026-10-25', '2026-11-01'];

describe('availabilityChecker', () => {
  it('answers as isWithinAvailability does, also on and beside the days the clocks change', () => {
    const random = seededRandom(37);
    const pick = (n: number) => Math.floor(random() * n);
    let checked = 0;
    let open = 0;
    for (const zone of ZONES)
      for (const [name, rules] of Object.entries(RULES)) {
        const check = availabilityChecker(rules, zone);
        for (let n = 0; n < 150; n++) {
          // Four days either side, on a quarter-hour grid; 15 minutes to 30 hours long (a few end before they start).
          const start = Date.parse(`${AROUND[pick(AROUND.length)]}T00:00:00Z`) + ((pick(8 * 96) - 4 * 96) * HOUR) / 4;
          const length = (pick(120) + 1) * (HOUR / 4) * (n % 50 === 0 ? -1 : 1);
          const [from, to] = [new Date(start), new Date(start + length)];
          const expected = isWithinAvailability(rules, zone, from, to);
          expect(check(from, to), `${name} in ${zone}: ${from.toISOString()} – ${to.toISOString()}`).toBe(expected);
          checked++;
          if (expected) open++;
        }
      }

    // Both answers come up often enough for the comparison to mean something.
    expect(open).toBeGreaterThan(checked / 10);
    expect(open).toBeLessThan(checked - checked / 10);
  });

  it('answers every time for a resource with no rules, and falls back for a zone luxon does not know', () => {
    const from = new Date('2026-03-08T07:00:00Z');
    const to = new Date('2026-03-08T09:00:00Z');
    expect(availabilityChecker({}, 'America/New_York')(from, to)).toBe(true);
    expect(availabilityChecker(RULES.weekdays, 'Nowhere/Atlantis')(from, to)).toBe(
      isWithinAvailability(RULES.weekdays, 'Nowhere/Atlantis', from, to),
    );
  });
});
