import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dayOfWindow,
  instantAtX,
  layoutRows,
  movedTimes,
  resizedTimes,
  rowAtY,
  timelineWindow,
  visibleBars,
  windowDays,
  xOfInstant,
  type TimelineItem,
} from './layout';

const ZONE = 'America/New_York';
const DAY_WIDTH = 240; // 10 px an hour
// 2030-03-10 is the spring-forward Sunday in New York (02:00 → 03:00); 2030-11-03 falls back.
const march = timelineWindow(new Date('2030-03-06T15:00:00Z'), ZONE, 28, DAY_WIDTH);

const item = (id: string, roomId: string, start: string, end: string): TimelineItem => ({
  id,
  roomId,
  start: new Date(start),
  end: new Date(end),
});

describe('season timeline geometry', () => {
  it('starts the window on the Monday of the anchor week, at midnight in the zone', () => {
    expect(march.firstDay.toISO()).toBe('2030-03-04T00:00:00.000-05:00');
    const days = windowDays(march);
    expect(days).toHaveLength(28);
    expect(days[6].toISODate()).toBe('2030-03-10');
    expect(days[7].toISO()).toBe('2030-03-11T00:00:00.000-04:00');
  });

  it('puts 18:00 local at the same place in its day column before, on and after the DST day', () => {
    // 18:00 EST is 23:00Z; from the 10th on, 18:00 EDT is 22:00Z.
    const evenings = ['2030-03-09T23:00:00Z', '2030-03-10T22:00:00Z', '2030-03-11T22:00:00Z'].map((iso) =>
      xOfInstant(march, new Date(iso)),
    );
    expect(evenings).toEqual([5 * DAY_WIDTH + 180, 6 * DAY_WIDTH + 180, 7 * DAY_WIDTH + 180]);
    const fall = timelineWindow(new Date('2030-11-03T12:00:00Z'), ZONE, 14, DAY_WIDTH);
    // Sunday 2030-11-03 is day 6 of the week of Monday 10-28; 18:00 EST there is 23:00Z.
    expect(xOfInstant(fall, new Date('2030-11-03T23:00:00Z'))).toBe(6 * DAY_WIDTH + 180);
    expect(xOfInstant(fall, new Date('2030-11-02T22:00:00Z'))).toBe(5 * DAY_WIDTH + 180);
  });

  it('places every quarter hour of the days the clocks change as luxon reads the wall clock', () => {
    // New York changes at 02:00; Santiago at midnight (00:00 does not happen in September, happens twice in April).
    const windows = [
      march,
      timelineWindow(new Date('2030-11-03T12:00:00Z'), ZONE, 7, DAY_WIDTH),
      timelineWindow(new Date('2030-09-08T12:00:00Z'), 'America/Santiago', 7, DAY_WIDTH),
      timelineWindow(new Date('2030-04-06T12:00:00Z'), 'America/Santiago', 7, DAY_WIDTH),
    ];
    for (const window of windows) {
      const from = window.firstDay.toMillis();
      const to = window.firstDay.plus({ days: window.days }).toMillis();
      for (let time = from; time < to; time += 15 * 60_000) {
        const local = DateTime.fromMillis(time, { zone: window.zone });
        const day = Math.round(local.startOf('day').diff(window.firstDay, 'days').days);
        const expected = day * DAY_WIDTH + ((local.hour * 60 + local.minute) / 1440) * DAY_WIDTH;
        expect(xOfInstant(window, new Date(time)), local.toISO()!).toBeCloseTo(expected, 9);
      }
    }
  });

  it('draws a session across the DST night by the wall clock: 01:00–04:00 is three hours wide', () => {
    // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z): two real hours, three on the wall.
    const rows = layoutRows([item('night', 'r1', '2030-03-10T06:00:00Z', '2030-03-10T08:00:00Z')], march, ['r1']);
    expect(rows.get('r1')!.bars[0]).toMatchObject({ x: 6 * DAY_WIDTH + 10, width: 30 });
  });

  it('turns a position back into an instant, snapped to 15 minutes of the wall clock', () => {
    const x = xOfInstant(march, new Date('2030-03-10T22:00:00Z'));
    expect(instantAtX(march, x).toISOString()).toBe('2030-03-10T22:00:00.000Z');
    // 7 minutes later (just over one pixel) rounds back; 8 rounds up to 18:15.
    expect(instantAtX(march, x + (7 / 60) * 10).toISOString()).toBe('2030-03-10T22:00:00.000Z');
    expect(instantAtX(march, x + (8 / 60) * 10).toISOString()).toBe('2030-03-10T22:15:00.000Z');
    // The missing half hour of the spring-forward night moves forward, like a wall clock.
    expect(instantAtX(march, 6 * DAY_WIDTH + 25).toISOString()).toBe('2030-03-10T07:30:00.000Z');
    // The very end of a day is midnight of the next.
    expect(instantAtX(march, 7 * DAY_WIDTH - 0.5).toISOString()).toBe('2030-03-11T04:00:00.000Z');
  });

  it('moves a bar by whole days across the DST change and keeps its local time and length', () => {
    const session = { start: new Date('2030-03-08T23:00:00Z'), end: new Date('2030-03-09T01:00:00Z') }; // Fri 18:00–20:00 EST
    const moved = movedTimes(march, session, 3 * DAY_WIDTH + 10 * 0.25); // three days and a quarter hour later
    expect([moved.start.toISOString(), moved.end.toISOString()]).toEqual([
      '2030-03-11T22:15:00.000Z',
      '2030-03-12T00:15:00.000Z',
    ]);
  });

  it('resizes by one edge, snapped to the wall clock, never below 15 minutes, across the DST night', () => {
    // Saturday 2030-03-09 18:00–20:00 EST (23:00Z–01:00Z); 10 px an hour.
    const evening = { start: new Date('2030-03-09T23:00:00Z'), end: new Date('2030-03-10T01:00:00Z') };
    expect(resizedTimes(march, evening, 'end', 10)).toEqual({
      start: evening.start,
      end: new Date('2030-03-10T02:00:00Z'),
    });
    expect(resizedTimes(march, evening, 'end', 12)).toEqual({
      start: evening.start,
      end: new Date('2030-03-10T02:15:00Z'),
    });
    expect(resizedTimes(march, evening, 'start', -15)).toEqual({
      start: new Date('2030-03-09T21:30:00Z'),
      end: evening.end,
    });
    // Dragged past the other edge: it stops at 15 minutes.
    expect(resizedTimes(march, evening, 'end', -100)).toEqual({
      start: evening.start,
      end: new Date('2030-03-09T23:15:00Z'),
    });
    expect(resizedTimes(march, evening, 'start', 500)).toEqual({
      start: new Date('2030-03-10T00:45:00Z'),
      end: evening.end,
    });
    // Stretched over the spring-forward night to 09:00 on Sunday: the wall clock says 09:00 EDT (13:00Z).
    expect(resizedTimes(march, evening, 'end', 130).end).toEqual(new Date('2030-03-10T13:00:00Z'));
  });

  it('finds the row under the pointer, staying inside the rows', () => {
    expect([
      rowAtY(-5, 36, 60),
      rowAtY(0, 36, 60),
      rowAtY(71, 36, 60),
      rowAtY(72, 36, 60),
      rowAtY(99_999, 36, 60),
    ]).toEqual([0, 0, 1, 2, 59]);
  });

  it('keeps items outside the window or on unknown resources out, and clips the ones that cross its edges', () => {
    const rows = layoutRows(
      [
        item('before', 'r1', '2030-02-01T15:00:00Z', '2030-02-01T17:00:00Z'),
        item('after', 'r1', '2030-04-01T04:00:00Z', '2030-04-01T06:00:00Z'),
        item('install', 'r1', '2030-02-25T15:00:00Z', '2030-03-05T05:00:00Z'), // ends Tue 00:00 local
        item('elsewhere', 'gone', '2030-03-05T15:00:00Z', '2030-03-05T17:00:00Z'),
      ],
      march,
      ['r1', 'r2'],
    );
    expect(rows.get('r1')!.bars.map((b) => [b.item.id, b.x, b.width])).toEqual([['install', 0, DAY_WIDTH]]);
    expect(rows.get('r2')!.bars).toEqual([]);
    expect(rows.has('gone')).toBe(false);
  });

  it('stacks overlapping bars in lanes and leaves the others full height', () => {
    const rows = layoutRows(
      [
        item('a', 'r1', '2030-03-04T14:00:00Z', '2030-03-04T17:00:00Z'),
        item('b', 'r1', '2030-03-04T15:00:00Z', '2030-03-04T16:00:00Z'),
        item('c', 'r1', '2030-03-04T16:30:00Z', '2030-03-04T18:00:00Z'),
        item('d', 'r1', '2030-03-05T14:00:00Z', '2030-03-05T15:00:00Z'),
      ],
      march,
      ['r1'],
    );
    expect(rows.get('r1')!.bars.map((b) => [b.item.id, b.lane, b.lanes])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 1, 2],
      ['d', 0, 1],
    ]);
  });
});

describe('culling to the viewport', () => {
  // 60 resources × 1,000 sessions: two-hour sessions spread over the 28 days, as in the browser test.
  const resourceIds = Array.from({ length: 60 }, (_, i) => `r${i}`);
  const sessions = Array.from({ length: 1_000 }, (_, n) => {
    const start = march.firstDay.plus({ days: Math.floor(n / 60) % 28, hours: 9 + (n % 5) * 2 });
    return {
      id: `s${n}`,
      roomId: resourceIds[n % 60],
      start: start.toJSDate(),
      end: start.plus({ hours: 2 }).toJSDate(),
    };
  });
  const rows = layoutRows(sessions, march, resourceIds);

  it('lays out every session once', () => {
    expect([...rows.values()].reduce((sum, row) => sum + row.bars.length, 0)).toBe(1_000);
  });

  it('keeps only the bars that reach into the visible stretch, even when a long bar starts far left of it', () => {
    const threeDays = (from: number) =>
      resourceIds.flatMap((id) => visibleBars(rows.get(id)!, from, from + 3 * DAY_WIDTH));
    const visible = threeDays(7 * DAY_WIDTH);
    // Days 7, 8 and 9 hold sessions 420–599: 180 of them across all 60 rows.
    expect(visible).toHaveLength(180);
    expect(visible.every((bar) => bar.x + bar.width > 7 * DAY_WIDTH && bar.x < 10 * DAY_WIDTH)).toBe(true);

    const withBlock = layoutRows(
      [...sessions, item('residency', 'r0', '2030-03-04T05:00:00Z', '2030-03-29T04:00:00Z')],
      march,
      resourceIds,
    );
    const inRow = visibleBars(withBlock.get('r0')!, 10 * DAY_WIDTH, 11 * DAY_WIDTH).map((bar) => bar.item.id);
    expect(inRow).toContain('residency');
    expect(inRow).toHaveLength(2); // the residency and the one session of r0 on day 10
  });

  it('finds nothing left of the first bar or right of the last', () => {
    expect(visibleBars(rows.get('r0')!, -500, 0)).toEqual([]);
    expect(visibleBars(rows.get('r0')!, 28 * DAY_WIDTH, 30 * DAY_WIDTH)).toEqual([]);
  });
});

describe('opening hours only', () => {
  // 07:00–22:00 shown: 15 hours in 300 px, 20 px an hour.
  const hours = { dayStartMinute: 7 * 60, dayEndMinute: 22 * 60 };
  const narrowed = timelineWindow(new Date('2030-03-06T15:00:00Z'), ZONE, 14, 300, hours);

  it('puts 18:00 at 11 hours into its day on both sides of the DST change, and back again', () => {
    const saturday = xOfInstant(narrowed, new Date('2030-03-09T23:00:00Z')); // 18:00 EST
    const sunday = xOfInstant(narrowed, new Date('2030-03-10T22:00:00Z')); // 18:00 EDT
    expect([saturday, sunday]).toEqual([5 * 300 + 220, 6 * 300 + 220]);
    expect(instantAtX(narrowed, sunday).toISOString()).toBe('2030-03-10T22:00:00.000Z');
  });

  it('pins hours outside the shown ones to the day’s edges', () => {
    expect(xOfInstant(narrowed, new Date('2030-03-05T08:00:00Z'))).toBe(300); // 03:00: the start of Tuesday
    expect(xOfInstant(narrowed, new Date('2030-03-05T04:30:00Z'))).toBe(300); // 23:30 Monday: its end
  });

  it('leaves room for a label up to the next bar in the same lane', () => {
    const rows = layoutRows(
      [
        item('a', 'r1', '2030-03-04T14:00:00Z', '2030-03-04T15:00:00Z'), // 09:00–10:00 EST
        item('b', 'r1', '2030-03-04T19:00:00Z', '2030-03-04T20:00:00Z'), // 14:00–15:00
      ],
      narrowed,
      ['r1'],
    );
    expect(rows.get('r1')!.bars.map((bar) => [bar.item.id, bar.x, bar.room])).toEqual([
      ['a', 40, 100],
      ['b', 140, 14 * 300 - 140],
    ]);
  });
});

describe('dayOfWindow', () => {
  it("gives each day's local midnight across a DST change, the same object when asked again", () => {
    // 2030-03-04 is a Monday; New York springs forward on Sunday 10 March.
    const window = timelineWindow(new Date('2030-03-04T15:00:00Z'), 'America/New_York', 14, 100);
    const sunday = dayOfWindow(window, 6);
    const monday = dayOfWindow(window, 7);
    expect([sunday.toISO(), monday.toISO()]).toEqual([
      '2030-03-10T00:00:00.000-05:00',
      '2030-03-11T00:00:00.000-04:00',
    ]);
    expect(dayOfWindow(window, 7)).toBe(monday);
  });
});
