import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { SeasonTimelineItem } from '../season-timeline/types';
import { createTimeFormatter } from '../../../core/time-format';
import { agendaTimes, agendaWeek, agendaWeekLabel, instantsOf } from './agenda-days';

const ZONE = 'America/New_York';
const item = (id: string, start: string, end: string): SeasonTimelineItem => ({
  id,
  roomId: 'r1',
  kind: 'session',
  title: id,
  start: new Date(start),
  end: new Date(end),
});

describe('the agenda week', () => {
  const week = DateTime.fromISO('2030-03-04', { zone: ZONE });
  it('lists the days holding items, in order, each by start time, across the DST Sunday', () => {
    const days = agendaWeek(
      [
        item('late', '2030-03-10T22:00:00Z', '2030-03-11T00:00:00Z'), // Sun 18:00 EDT
        item('next-week', '2030-03-11T14:00:00Z', '2030-03-11T15:00:00Z'),
        item('morning', '2030-03-10T14:00:00Z', '2030-03-10T15:00:00Z'), // Sun 10:00 EDT
        item('monday', '2030-03-04T23:00:00Z', '2030-03-05T01:00:00Z'), // Mon 18:00 EST
        item('sunday-night', '2030-03-11T03:30:00Z', '2030-03-11T04:30:00Z'), // Sun 23:30 EDT
      ],
      week,
    );
    expect(days.map((day) => [day.date, day.items.map((i) => i.id)])).toEqual([
      ['2030-03-04', ['monday']],
      ['2030-03-10', ['morning', 'late', 'sunday-night']],
    ]);
  });

  it('reads a date and wall-clock times in the zone, and refuses an end not after the start', () => {
    expect(instantsOf('2030-03-10', '18:00', '20:00', ZONE)).toEqual({
      start: new Date('2030-03-10T22:00:00Z'),
      end: new Date('2030-03-11T00:00:00Z'),
    });
    expect(instantsOf('2030-03-10', '18:00', '18:00', ZONE)).toEqual({
      error: 'The end must be after the start.',
      field: 'end',
    });
    expect(instantsOf('', '18:00', '19:00', ZONE)).toMatchObject({ field: 'date' });
  });

  it('writes the week and each item’s times in the organization clock, 12- or 24-hour', () => {
    const twelve = createTimeFormatter({ timeZone: ZONE });
    const twentyFour = createTimeFormatter({ timeZone: ZONE, clock: '24h' });
    const week = DateTime.fromISO('2030-03-04', { zone: ZONE });
    expect(agendaWeekLabel(week, twelve)).toBe('Mar 4 – 10, 2030');
    const evening = item('evening', '2030-03-10T22:00:00Z', '2030-03-11T00:00:00Z'); // Sun 18:00–20:00 EDT
    expect(agendaTimes(evening, twelve)).toEqual({ start: '6:00 PM', end: '8:00 PM' });
    expect(agendaTimes(evening, twentyFour)).toEqual({ start: '18:00', end: '20:00' });
    const overnight = item('overnight', '2030-03-06T03:00:00Z', '2030-03-06T06:00:00Z'); // Tue 22:00 – Wed 01:00
    expect(agendaTimes(overnight, twelve)).toEqual({ start: '10:00 PM', end: 'Wed 1:00 AM' });
    const toMidnight = item('to-midnight', '2030-03-06T03:00:00Z', '2030-03-06T05:00:00Z');
    expect(agendaTimes(toMidnight, twentyFour)).toEqual({ start: '22:00', end: '00:00' });
  });
});
