import { describe, expect, it } from 'vitest';
import { createTimeFormatter, localeHourCycle, organizationTimeFormat } from './time-format';

const ZONE = 'America/New_York';
const us = createTimeFormatter({ timeZone: ZONE });
const gb = createTimeFormatter({ timeZone: ZONE, locale: 'en-GB' });

// Tue 8 Dec 2026, 6:00–8:00 PM in New York (EST, UTC−5).
const EVENING = ['2026-12-08T23:00:00Z', '2026-12-09T01:00:00Z'] as const;

describe('the organization formatter, en-US (12-hour by its locale)', () => {
  it('writes every style in the organization zone', () => {
    expect(us.hourCycle).toBe('h12');
    expect(us.date(EVENING[0])).toBe('Tue, Dec 8, 2026');
    expect(us.shortDate(EVENING[0])).toBe('Tue, Dec 8');
    expect(us.time(EVENING[0])).toBe('6:00 PM');
    expect(us.dateTime(EVENING[0])).toBe('Tue, Dec 8, 2026, 6:00 PM');
    expect(us.shortDateTime(EVENING[0])).toBe('Tue, Dec 8, 6:00 PM');
    expect(us.long(EVENING[0])).toBe('Tuesday, December 8, 2026 at 6:00 PM EST');
    expect(us.dayHeading(EVENING[0])).toBe('Tuesday, December 8');
    expect(us.machine(EVENING[0])).toBe('2026-12-08T23:00:00.000Z');
  });

  it('writes a same-day range once, and names both days when it runs over midnight', () => {
    expect(us.range(...EVENING)).toBe('Tue, Dec 8, 2026, 6:00 – 8:00 PM');
    expect(us.timeRange(...EVENING)).toBe('6:00 – 8:00 PM');
    expect(us.longRange(...EVENING)).toBe('Tuesday, December 8, 2026, 6:00 – 8:00 PM EST');
    expect(us.range('2026-12-09T03:00:00Z', '2026-12-09T06:00:00Z')).toBe(
      'Tue, Dec 8, 2026, 10:00 PM – Wed, Dec 9, 2026, 1:00 AM',
    );
  });

  it('writes a short range without the year, for dense labels', () => {
    expect(us.shortRange(...EVENING)).toBe('Tue, Dec 8, 6:00 – 8:00 PM');
    expect(us.shortRange('2026-12-09T03:00:00Z', '2026-12-09T06:00:00Z')).toBe(
      'Tue, Dec 8, 10:00 PM – Wed, Dec 9, 1:00 AM',
    );
  });

  it('writes times of day with no date, such as opening hours, and the hours of a time scale', () => {
    expect(us.timeOfDay('09:00')).toBe('9:00 AM');
    expect(us.timeOfDay('00:00')).toBe('12:00 AM');
    expect(us.timeOfDay('24:00')).toBe('12:00 AM');
    expect(us.timeOfDayRange('09:00', '17:30')).toBe('9:00 AM – 5:30 PM');
    expect(us.timeOfDayRange('18:00', '21:00')).toBe('6:00 – 9:00 PM');
    expect(us.timeOfDayRange('18:00', '24:00')).toBe('6:00 PM – 12:00 AM');
    expect(us.hourOfDay(0)).toBe('12 AM');
    expect(us.hourOfDay(18)).toBe('6 PM');
    expect(() => us.timeOfDay('24:30')).toThrow(/time of day/);
    expect(() => us.timeOfDay('9:00')).toThrow(/time of day/);
    expect(() => us.hourOfDay(25)).toThrow(/hour/);
  });

  it('writes calendar dates as the same day wherever the formatter runs', () => {
    expect(us.calendarDateParts('2026-12-08')).toEqual({ weekday: 'Tue', day: '8', monthDay: 'Dec 8' });
    expect(us.calendarDate('2026-12-08')).toBe('Tue, Dec 8, 2026');
    expect(us.calendarDateRange('2026-12-07', '2026-12-13')).toBe('Dec 7 – 13, 2026');
    expect(() => us.calendarDate('2026-02-30')).toThrow(/calendar date/);
  });

  it('says today, tomorrow and in N days by calendar days in the zone, given now', () => {
    const noon = '2026-12-08T17:00:00Z';
    expect(us.relative(EVENING[0], noon)).toBe('today 6:00 PM');
    // Already the 9th in UTC, still the 8th in New York.
    expect(us.relative('2026-12-09T03:30:00Z', noon)).toBe('today 10:30 PM');
    expect(us.relative('2026-12-09T05:30:00Z', noon)).toBe('tomorrow 12:30 AM');
    expect(us.relative('2026-12-07T23:00:00Z', noon)).toBe('yesterday 6:00 PM');
    expect(us.relative('2026-12-11T23:00:00Z', noon)).toBe('in 3 days');
    expect(us.relative('2026-12-05T23:00:00Z', noon)).toBe('3 days ago');
    expect(us.relative('2026-12-25T23:00:00Z', noon)).toBe('Fri, Dec 25, 2026');
    expect(us.relativeRange(...EVENING, noon)).toBe('today 6:00 – 8:00 PM');
    expect(us.relativeRange('2026-12-09T23:00:00Z', '2026-12-10T01:00:00Z', noon)).toBe('tomorrow 6:00 – 8:00 PM');
    expect(us.relativeRange('2026-12-11T23:00:00Z', '2026-12-12T01:00:00Z', noon)).toBe(
      'Fri, Dec 11, 2026, 6:00 – 8:00 PM',
    );
  });
});

describe('across the daylight-saving changes of America/New_York in 2026', () => {
  it('skips 2:00–3:00 AM on Sunday 8 March', () => {
    expect(us.dateTime('2026-03-08T06:59:00Z')).toBe('Sun, Mar 8, 2026, 1:59 AM');
    expect(us.dateTime('2026-03-08T07:00:00Z')).toBe('Sun, Mar 8, 2026, 3:00 AM');
    expect(us.long('2026-03-08T07:00:00Z')).toBe('Sunday, March 8, 2026 at 3:00 AM EDT');
    // One hour of real time that reads as two on the clock: each end names its zone.
    expect(us.range('2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z')).toBe(
      'Sun, Mar 8, 2026, 1:30 AM EST – 3:30 AM EDT',
    );
    // An evening after the change keeps its wall-clock hours.
    expect(us.range('2026-03-08T22:00:00Z', '2026-03-09T00:00:00Z')).toBe('Sun, Mar 8, 2026, 6:00 – 8:00 PM');
  });

  it('names both zones in a short range across the change, and keeps times of day as the wall clock reads them', () => {
    expect(us.shortRange('2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z')).toBe('Sun, Mar 8, 1:30 AM EST – 3:30 AM EDT');
    expect(us.shortRange('2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z')).toBe('Sun, Nov 1, 1:30 AM EDT – 1:30 AM EST');
    // 2:30 AM does not happen on 8 March, but an opening hour is a reading of the clock, not an instant.
    expect(us.timeOfDay('02:30')).toBe('2:30 AM');
    expect(us.timeOfDayRange('01:00', '03:00')).toBe('1:00 – 3:00 AM');
    expect(us.calendarDateParts('2026-03-08')).toEqual({ weekday: 'Sun', day: '8', monthDay: 'Mar 8' });
  });

  it('tells the repeated 1:00–2:00 AM hour of Sunday 1 November apart', () => {
    expect(us.long('2026-11-01T05:30:00Z')).toBe('Sunday, November 1, 2026 at 1:30 AM EDT');
    expect(us.long('2026-11-01T06:30:00Z')).toBe('Sunday, November 1, 2026 at 1:30 AM EST');
    expect(us.range('2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z')).toBe(
      'Sun, Nov 1, 2026, 1:30 AM EDT – 1:30 AM EST',
    );
    expect(us.longRange('2026-11-01T05:00:00Z', '2026-11-01T07:00:00Z')).toBe(
      'Sunday, November 1, 2026 at 1:00 AM EDT – 2:00 AM EST',
    );
    expect(us.range('2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toBe(
      'Sat, Oct 31, 2026, 8:00 AM EDT – Mon, Nov 2, 2026, 7:00 AM EST',
    );
  });

  it('counts calendar days, not 24-hour spans, over the 23- and 25-hour days', () => {
    // Sat 7 Mar 11:30 PM EST → Sun 8 Mar 9:00 PM EDT, 20.5 hours later.
    expect(us.relative('2026-03-09T01:00:00Z', '2026-03-08T04:30:00Z')).toBe('tomorrow 9:00 PM');
    // Sun 1 Nov 12:30 AM EDT → Sun 1 Nov 11:30 PM EST, 24 hours later and the same day.
    expect(us.relative('2026-11-02T04:30:00Z', '2026-11-01T04:30:00Z')).toBe('today 11:30 PM');
  });
});

describe('a 24-hour locale', () => {
  it('takes its clock from the locale: en-GB and de-DE write 18:00', () => {
    expect(localeHourCycle('en-GB')).toBe('h23');
    expect(localeHourCycle('de-DE')).toBe('h23');
    expect(gb.hourCycle).toBe('h23');
    expect(gb.dateTime(EVENING[0])).toBe('Tue, 8 Dec 2026, 18:00');
    expect(gb.range(...EVENING)).toBe('Tue, 8 Dec 2026, 18:00–20:00');
    expect(gb.relative(EVENING[0], '2026-12-08T17:00:00Z')).toBe('today 18:00');
    expect(gb.shortRange(...EVENING)).toBe('Tue 8 Dec, 18:00–20:00');
    expect(gb.timeOfDay('09:00')).toBe(gb.time('2026-12-08T14:00:00Z'));
    expect(gb.timeOfDayRange('09:00', '17:30')).toBe('09:00–17:30');
    expect(gb.timeOfDayRange('18:00', '24:00')).toBe('18:00–0:00');
    expect(gb.hourOfDay(18)).toBe('18:00');
    expect(gb.calendarDateParts('2026-12-08')).toEqual({ weekday: 'Tue', day: '8', monthDay: '8 Dec' });
    expect(gb.shortRange('2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z')).toBe('Sun 8 Mar, 01:30 GMT-5 – 03:30 GMT-4');
    const de = createTimeFormatter({ timeZone: 'Europe/Berlin', locale: 'de-DE' });
    expect(de.timeOfDayRange('09:00', '17:00')).toBe('09:00–17:00 Uhr');
    expect(de.calendarDateParts('2026-12-08')).toEqual({ weekday: 'Di.', day: '8', monthDay: '8. Dez.' });
    expect(de.range('2026-12-08T17:00:00Z', '2026-12-08T19:00:00Z')).toBe('Di., 8. Dez. 2026, 18:00–20:00 Uhr');
  });

  it('lets the organization choose the other clock', () => {
    const twelve = createTimeFormatter({ timeZone: ZONE, locale: 'en-GB', clock: '12h' });
    expect(twelve.time(EVENING[0])).toBe('6:00 pm');
    const twentyFour = createTimeFormatter({ timeZone: ZONE, locale: 'en-US', clock: '24h' });
    expect(twentyFour.time(EVENING[0])).toBe('18:00');
    expect(twentyFour.timeOfDayRange('09:00', '17:00')).toBe('09:00 – 17:00');
    expect(twentyFour.hourOfDay(18)).toBe('18:00');
    expect(twelve.hourOfDay(18)).toBe('6 pm');
    expect(twentyFour.range('2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z')).toBe(
      'Sun, Nov 1, 2026, 01:30 EDT – 01:30 EST',
    );
  });
});

describe('settings', () => {
  it('rejects an unknown time zone or locale, naming it', () => {
    expect(() => createTimeFormatter({ timeZone: 'Mars/Olympus_Mons' })).toThrow(
      /Unknown time zone "Mars\/Olympus_Mons"/,
    );
    expect(() => createTimeFormatter({ timeZone: ZONE, locale: 'not a locale' })).toThrow(/Unsupported locale/);
  });

  it('reads an organization row: zone column, locale and clock from settings', () => {
    expect(organizationTimeFormat({ timeZone: ZONE, settings: { locale: 'en-GB', clock: '12h' } })).toEqual({
      timeZone: ZONE,
      locale: 'en-GB',
      clock: '12h',
    });
    expect(organizationTimeFormat({ timeZone: ZONE, settings: {} })).toEqual({ timeZone: ZONE });
  });

  it('hands out one formatter per setting', () => {
    expect(createTimeFormatter({ timeZone: ZONE })).toBe(us);
  });
});
