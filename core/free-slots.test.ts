import { describe, expect, it } from 'vitest';
import type { AvailabilityRules } from './availability';
import { checkVisitStart, freeIntervals, splitByLocalDay, subtractBusy, visitSlots } from './free-slots';
import { createTimeFormatter } from './time-format';

const NY = 'America/New_York';
const time = createTimeFormatter({ timeZone: NY });
const at = (iso: string) => new Date(iso);
const span = (start: string, end: string) => ({ start: at(start), end: at(end) });
const iso = (intervals: { start: Date; end: Date }[]) =>
  intervals.map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`);
const everyDay = (start: string, end: string): AvailabilityRules => ({
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start, end }]])),
});

describe('free time of a resource', () => {
  it('keeps 09:00–17:00 local through the week DST ends (Sunday 2026-11-01)', () => {
    const printer = { availabilityRules: everyDay('09:00', '17:00'), timeZone: NY };
    // Friday 30 October (EDT) to Tuesday 3 November (EST), nothing booked.
    const free = freeIntervals(printer, { from: at('2026-10-30T04:00:00Z'), to: at('2026-11-03T05:00:00Z') }, []);
    expect(iso(free)).toEqual([
      '2026-10-30T13:00:00.000Z/2026-10-30T21:00:00.000Z', // Fri, EDT (UTC−4)
      '2026-10-31T13:00:00.000Z/2026-10-31T21:00:00.000Z', // Sat, EDT
      '2026-11-01T14:00:00.000Z/2026-11-01T22:00:00.000Z', // Sun, EST (UTC−5): the same wall clock, an hour later in UTC
      '2026-11-02T14:00:00.000Z/2026-11-02T22:00:00.000Z', // Mon, EST
    ]);
  });

  it('keeps the local hours through the week DST starts (Sunday 2026-03-08)', () => {
    const kiln = { availabilityRules: everyDay('09:00', '21:00'), timeZone: NY };
    const free = freeIntervals(kiln, { from: at('2026-03-07T05:00:00Z'), to: at('2026-03-09T04:00:00Z') }, []);
    expect(iso(free)).toEqual([
      '2026-03-07T14:00:00.000Z/2026-03-08T02:00:00.000Z', // Sat 09:00–21:00 EST
      '2026-03-08T13:00:00.000Z/2026-03-09T01:00:00.000Z', // Sun 09:00–21:00 EDT
    ]);
  });

  it('takes out bookings, and nothing before the earliest allowed start', () => {
    const printer = { availabilityRules: everyDay('09:00', '17:00'), timeZone: NY };
    const busy = [
      span('2026-12-07T15:00:00Z', '2026-12-07T16:00:00Z'),
      span('2026-12-07T20:00:00Z', '2026-12-07T23:00:00Z'),
    ];
    const free = freeIntervals(
      printer,
      { from: at('2026-12-07T05:00:00Z'), to: at('2026-12-08T05:00:00Z'), earliest: at('2026-12-07T14:30:00Z') },
      busy,
    );
    // Open 14:00Z–22:00Z; now is 14:30Z; booked 15–16Z and 20–23Z.
    expect(iso(free)).toEqual([
      '2026-12-07T14:30:00.000Z/2026-12-07T15:00:00.000Z',
      '2026-12-07T16:00:00.000Z/2026-12-07T20:00:00.000Z',
    ]);
  });

  it('offers today from the next quarter hour, not from the odd minute it is now', () => {
    const printer = { availabilityRules: everyDay('09:00', '17:00'), timeZone: NY };
    const window = { from: at('2026-12-07T05:00:00Z'), to: at('2026-12-08T05:00:00Z') };
    const startOf = (earliest: string) => iso(freeIntervals(printer, { ...window, earliest: at(earliest) }, []))[0];
    expect(startOf('2026-12-07T18:56:10Z')).toBe('2026-12-07T19:00:00.000Z/2026-12-07T22:00:00.000Z');
    expect(startOf('2026-12-07T18:45:00Z')).toBe('2026-12-07T18:45:00.000Z/2026-12-07T22:00:00.000Z');
    expect(startOf('2026-12-07T18:45:00.001Z')).toBe('2026-12-07T19:00:00.000Z/2026-12-07T22:00:00.000Z');
  });

  it('subtracts overlapping and touching busy spans', () => {
    const free = subtractBusy(
      [span('2026-01-01T10:00:00Z', '2026-01-01T18:00:00Z')],
      [
        span('2026-01-01T12:00:00Z', '2026-01-01T14:00:00Z'),
        span('2026-01-01T13:00:00Z', '2026-01-01T15:00:00Z'),
        span('2026-01-01T15:00:00Z', '2026-01-01T16:00:00Z'),
        span('2026-01-01T09:00:00Z', '2026-01-01T10:30:00Z'),
      ],
    );
    expect(iso(free)).toEqual([
      '2026-01-01T10:30:00.000Z/2026-01-01T12:00:00.000Z',
      '2026-01-01T16:00:00.000Z/2026-01-01T18:00:00.000Z',
    ]);
  });

  it('cuts a resource open around the clock into local days, 23 hours on the day DST starts', () => {
    const days = splitByLocalDay(
      freeIntervals(
        { availabilityRules: {}, timeZone: NY },
        { from: at('2026-03-08T05:00:00Z'), to: at('2026-03-10T04:00:00Z') },
        [],
      ),
      NY,
    );
    expect(days.map((d) => [d.date, iso(d.intervals)])).toEqual([
      ['2026-03-08', ['2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z']],
      ['2026-03-09', ['2026-03-09T04:00:00.000Z/2026-03-10T04:00:00.000Z']],
    ]);
  });
});

describe('studio-visit slots', () => {
  const artist = {
    availabilityRules: { weekly: { tue: [{ start: '13:00', end: '17:00' }], thu: [{ start: '13:00', end: '17:00' }] } },
    timeZone: NY,
    visitMinutes: 45,
    bufferMinutes: 15,
    minNoticeMinutes: 24 * 60,
  };
  // Tuesday 3 and Thursday 5 November 2026, the week after DST ended: 13:00 EST = 18:00Z.
  const week = { from: at('2026-11-02T05:00:00Z'), to: at('2026-11-09T05:00:00Z'), now: at('2026-10-30T12:00:00Z') };

  it('lays visits on a visit + buffer grid from the opening hour, in local time after DST ends', () => {
    const slots = visitSlots(artist, week, []);
    expect(iso(slots)).toEqual([
      '2026-11-03T18:00:00.000Z/2026-11-03T18:45:00.000Z',
      '2026-11-03T19:00:00.000Z/2026-11-03T19:45:00.000Z',
      '2026-11-03T20:00:00.000Z/2026-11-03T20:45:00.000Z',
      '2026-11-03T21:00:00.000Z/2026-11-03T21:45:00.000Z',
      '2026-11-05T18:00:00.000Z/2026-11-05T18:45:00.000Z',
      '2026-11-05T19:00:00.000Z/2026-11-05T19:45:00.000Z',
      '2026-11-05T20:00:00.000Z/2026-11-05T20:45:00.000Z',
      '2026-11-05T21:00:00.000Z/2026-11-05T21:45:00.000Z',
    ]);
    // The Tuesday before DST ended, 13:00 EDT is 17:00Z.
    const before = visitSlots(
      artist,
      { from: at('2026-10-27T04:00:00Z'), to: at('2026-10-28T04:00:00Z'), now: at('2026-10-20T12:00:00Z') },
      [],
    );
    expect(before[0].start.toISOString()).toBe('2026-10-27T17:00:00.000Z');
  });

  it('keeps the buffer free around a booking and honours the notice', () => {
    // A booking 14:50–15:10 local on Tuesday blocks the 14:00 slot (ends 14:45, +15 = 15:00 > 14:50) and the 15:00 one.
    const busy = [span('2026-11-03T19:50:00Z', '2026-11-03T20:10:00Z')];
    const tuesday = { ...week, to: at('2026-11-04T05:00:00Z') };
    expect(iso(visitSlots(artist, tuesday, busy))).toEqual([
      '2026-11-03T18:00:00.000Z/2026-11-03T18:45:00.000Z',
      '2026-11-03T21:00:00.000Z/2026-11-03T21:45:00.000Z',
    ]);
    // Now is Monday 14:30 local: with a day's notice, Tuesday's 13:00 and 14:00 slots are too soon.
    const late = visitSlots(artist, { ...tuesday, now: at('2026-11-02T19:30:00Z') }, []);
    expect(late.map((s) => s.start.toISOString())).toEqual(['2026-11-03T20:00:00.000Z', '2026-11-03T21:00:00.000Z']);
  });

  it('says which rule a requested start breaks', () => {
    const now = at('2026-10-30T12:00:00Z');
    expect(checkVisitStart(artist, at('2026-11-03T19:00:00Z'), now, [], time)).toBeUndefined();
    expect(checkVisitStart(artist, at('2026-11-03T19:10:00Z'), now, [], time)).toMatchObject({
      field: 'startsAt',
      code: 'validation',
      message: expect.stringContaining('not one of the visit slots'),
    });
    // 16:30 local would end at 17:15, after closing; Wednesday has no hours at all.
    expect(checkVisitStart(artist, at('2026-11-03T21:30:00Z'), now, [], time)?.code).toBe('validation');
    expect(checkVisitStart(artist, at('2026-11-04T19:00:00Z'), now, [], time)?.code).toBe('validation');
    expect(checkVisitStart(artist, at('2026-10-31T01:00:00Z'), at('2026-10-30T12:00:00Z'), [], time)?.code).toBe(
      'validation',
    );
    expect(checkVisitStart(artist, at('2026-11-03T18:00:00Z'), at('2026-11-02T19:00:00Z'), [], time)).toMatchObject({
      code: 'validation',
      message: 'must be at least 1 day from now (the earliest is Tuesday, November 3, 2026 at 2:00 PM EST)',
    });
    const buffer = checkVisitStart(
      artist,
      at('2026-11-03T19:00:00Z'),
      now,
      [span('2026-11-03T19:50:00Z', '2026-11-03T20:30:00Z')],
      time,
    );
    expect(buffer).toMatchObject({
      code: 'conflict',
      message:
        'is too close to the booking of Tuesday, November 3, 2026, 2:50 – 3:30 PM EST: 15 minutes are kept free around each visit',
    });
    const taken = checkVisitStart(
      artist,
      at('2026-11-03T19:00:00Z'),
      now,
      [span('2026-11-03T19:00:00Z', '2026-11-03T19:45:00Z')],
      time,
    );
    expect(taken).toMatchObject({
      code: 'conflict',
      message: 'is already taken: booked Tuesday, November 3, 2026, 2:00 – 2:45 PM EST',
    });
  });
});
