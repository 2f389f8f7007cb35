import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createTimeFormatter } from '../../../core/time-format';
import { timelineWindow } from './layout';
import { barHours, dayHeader, rangeInViewLabel, hourMarks, itemWhen } from './time-labels';

const ZONE = 'America/New_York';
const twelve = createTimeFormatter({ timeZone: ZONE });
const twentyFour = createTimeFormatter({ timeZone: ZONE, clock: '24h' });
const british = createTimeFormatter({ timeZone: ZONE, locale: 'en-GB' });
const span = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

// Monday 4 March 2030, 18:00–20:00 EST; the clocks spring forward on Sunday 10 March.
const EVENING = span('2030-03-04T23:00:00Z', '2030-03-05T01:00:00Z');

describe('the labels of the season timeline, in the organization clock', () => {
  it('writes a bar’s hours, and its day and hours, on a 12-hour clock', () => {
    expect(barHours(EVENING, twelve)).toBe('6:00 – 8:00 PM');
    expect(itemWhen(EVENING, twelve)).toBe('Mon, Mar 4, 6:00 – 8:00 PM');
  });

  it('writes them on a 24-hour clock when the organization chose one', () => {
    expect(barHours(EVENING, twentyFour)).toBe('18:00 – 20:00');
    expect(itemWhen(EVENING, twentyFour)).toBe('Mon, Mar 4, 18:00 – 20:00');
    expect(barHours(EVENING, british)).toBe('18:00–20:00');
    expect(itemWhen(EVENING, british)).toBe('Mon 4 Mar, 18:00–20:00');
  });

  it('keeps one label per item and clock: a change of clock is written anew', () => {
    const item = span('2030-03-05T14:00:00Z', '2030-03-05T15:30:00Z');
    expect(barHours(item, twelve)).toBe('9:00 – 10:30 AM');
    expect(barHours(item, twentyFour)).toBe('09:00 – 10:30');
  });

  it('names both days of a bar over midnight', () => {
    const late = span('2030-03-05T03:00:00Z', '2030-03-05T06:00:00Z'); // Mon 22:00 – Tue 01:00
    expect(barHours(late, twelve)).toBe('Mon, Mar 4, 10:00 PM – Tue, Mar 5, 1:00 AM');
    expect(barHours(late, twentyFour)).toBe('Mon, Mar 4, 22:00 – Tue, Mar 5, 01:00');
    const toMidnight = span('2030-03-05T03:00:00Z', '2030-03-05T05:00:00Z');
    expect(barHours(toMidnight, twelve)).toBe('Mon, Mar 4, 10:00 PM – Tue, Mar 5, 12:00 AM');
  });

  it('writes the wall clock on the day the clocks change, naming the zones of a bar across the change', () => {
    // Sunday 10 March: 18:00 EDT is 22:00 UTC (an hour earlier than on Monday 4).
    expect(barHours(span('2030-03-10T22:00:00Z', '2030-03-11T00:00:00Z'), twentyFour)).toBe('18:00 – 20:00');
    expect(barHours(span('2030-03-10T06:30:00Z', '2030-03-10T07:30:00Z'), twelve)).toBe('1:30 AM EST – 3:30 AM EDT');
  });

  it('heads each day as its width allows, in the locale', () => {
    const monday = DateTime.fromISO('2030-03-04', { zone: ZONE });
    const first = DateTime.fromISO('2030-04-01', { zone: ZONE });
    const at = (dayWidth: number, zoom: 'day' | 'week' | 'month' | 'season' = 'week') => ({
      dayWidth,
      shownBefore: 30,
      zoom,
    });
    expect(dayHeader(monday, at(800, 'day'), twelve)).toEqual({ weekday: null, date: 'Monday, March 4' });
    expect(dayHeader(monday, at(120), twelve)).toEqual({ weekday: 'Mon', date: '4' });
    expect(dayHeader(first, at(120), twelve)).toEqual({ weekday: 'Mon', date: '1' });
    expect(dayHeader(first, at(200), twelve)).toEqual({ weekday: 'Mon', date: 'Apr 1' });
    expect(dayHeader(first, at(200), british)).toEqual({ weekday: 'Mon', date: '1 Apr' });
    expect(dayHeader(monday, at(30, 'season'), twelve)).toEqual({ weekday: null, date: '4' });
    expect(dayHeader(monday.plus({ days: 1 }), at(30, 'season'), twelve)).toEqual({ weekday: null, date: '' });
    expect(dayHeader(first, at(30, 'season'), twelve)).toEqual({ weekday: null, date: 'Apr 1' });
    expect(dayHeader(first, at(30, 'month'), twelve)).toEqual({ weekday: null, date: '1' });
    expect(dayHeader(first, { ...at(36, 'week'), shownBefore: 0 }, twelve)).toEqual({ weekday: null, date: '1' });
    // 2030-09-01 is a Sunday: the Monday after it leaves the room to "Sep 1".
    const afterSundayFirst = DateTime.fromISO('2030-09-02', { zone: ZONE });
    expect(dayHeader(afterSundayFirst, at(17, 'season'), twelve)).toEqual({ weekday: null, date: '' });
    expect(dayHeader(afterSundayFirst.plus({ days: 7 }), at(17, 'season'), twelve)).toEqual({
      weekday: null,
      date: '9',
    });
  });

  it('marks the hours under a day in the organization clock, as many as fit', () => {
    const day = (dayWidth: number) =>
      timelineWindow(new Date('2030-03-04T12:00:00Z'), ZONE, 7, dayWidth, {
        dayStartMinute: 8 * 60,
        dayEndMinute: 22 * 60,
      });
    expect(hourMarks(day(120), twelve).map((mark) => mark.label)).toEqual(['12 PM', '6 PM']);
    expect(hourMarks(day(120), twentyFour).map((mark) => mark.label)).toEqual(['12:00', '18:00']);
    expect(hourMarks(day(120), twelve)[0].x).toBeCloseTo((4 / 14) * 120);
    expect(hourMarks(day(840), twentyFour)).toHaveLength(13); // every hour, 09:00 to 21:00
    expect(hourMarks(day(20), twelve)).toEqual([]);
  });

  it('names the days in view, counting a day mostly in view', () => {
    const weeks = (dayWidth: number) => timelineWindow(new Date('2030-03-04T12:00:00Z'), ZONE, 56, dayWidth);
    expect(rangeInViewLabel(weeks(100), 0, 700, twelve)).toBe('Mar 4 – 10, 2030');
    expect(rangeInViewLabel(weeks(100), 0, 700, british)).toBe('4 – 10 Mar 2030');
    expect(rangeInViewLabel(weeks(20), 0, 620, twelve)).toBe('Mar 4 – Apr 3, 2030');
    // The day zoom scrolled to Tuesday, its position read 10 px short of it.
    expect(rangeInViewLabel(weeks(460), 450, 460, twentyFour)).toBe('Mar 5, 2030');
    expect(rangeInViewLabel(weeks(460), 100_000, 460, twelve)).toBe('Apr 28, 2030');
  });
});
