import { describe, expect, it } from 'vitest';
import { openingHoursSummary } from './opening-hours-words';
import { createTimeFormatter } from './time-format';

const ZONE = 'America/New_York';
const twelve = createTimeFormatter({ timeZone: ZONE });
const twentyFour = createTimeFormatter({ timeZone: ZONE, clock: '24h' });
const british = createTimeFormatter({ timeZone: ZONE, locale: 'en-GB' });
const WORKDAY = [{ start: '09:00', end: '17:00' }];

describe('opening hours in one line', () => {
  it('joins days with the same hours, in the organization clock', () => {
    const rules = {
      weekly: {
        mon: WORKDAY,
        tue: WORKDAY,
        wed: WORKDAY,
        thu: WORKDAY,
        fri: WORKDAY,
        sat: [{ start: '10:00', end: '14:00' }],
      },
    };
    expect(openingHoursSummary(rules, twelve)).toBe('Mon–Fri 9:00 AM – 5:00 PM · Sat 10:00 AM – 2:00 PM');
    expect(openingHoursSummary(rules, twentyFour)).toBe('Mon–Fri 09:00 – 17:00 · Sat 10:00 – 14:00');
    expect(openingHoursSummary(rules, british)).toBe('Mon–Fri 09:00–17:00 · Sat 10:00–14:00');
  });

  it('keeps days apart when a closed day or other hours come between, and lists split hours', () => {
    const rules = {
      weekly: {
        mon: WORKDAY,
        wed: WORKDAY,
        thu: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '24:00' },
        ],
      },
    };
    expect(openingHoursSummary(rules, twelve)).toBe(
      'Mon 9:00 AM – 5:00 PM · Wed 9:00 AM – 5:00 PM · Thu 9:00 AM – 12:00 PM, 1:00 PM – 12:00 AM',
    );
  });

  it('says every day when the seven days are alike', () => {
    const daily = { start: '09:00', end: '21:00' };
    const weekly = { mon: [daily], tue: [daily], wed: [daily], thu: [daily], fri: [daily], sat: [daily], sun: [daily] };
    expect(openingHoursSummary({ weekly }, twentyFour)).toBe('Every day 09:00 – 21:00');
  });

  it('says so when always open or never', () => {
    expect(openingHoursSummary({}, twelve)).toBe('Open around the clock');
    expect(openingHoursSummary({ weekly: {} }, twelve)).toBe('Closed');
  });
});
