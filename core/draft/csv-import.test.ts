import { describe, expect, it } from 'vitest';
import { parseSeasonCsv } from './csv-import';

const rooms = [
  { id: 'room-1', title: 'Education Room' },
  { id: 'room-2', title: 'Main Gallery' },
];

describe('importing a season from CSV', () => {
  it('reads rows in the organization time zone, across the March 2030 DST change', () => {
    const { sessions, errors } = parseSeasonCsv(
      'Workshop,Room,Date,Start,End\nTeen Art Lab,Education Room,2030-03-07,16:00,18:00\nTeen Art Lab,education room,2030-03-14,16:00,18:00\n',
      { rooms, timeZone: 'America/New_York' },
    );
    expect(errors).toEqual([]);
    // 16:00 EST is 21:00Z; a week later 16:00 EDT is 20:00Z.
    expect(sessions.map((s) => [s.row, s.resourceId, s.startsAt, s.endsAt])).toEqual([
      [2, 'room-1', '2030-03-07T21:00:00.000Z', '2030-03-07T23:00:00.000Z'],
      [3, 'room-1', '2030-03-14T20:00:00.000Z', '2030-03-14T22:00:00.000Z'],
    ]);
  });

  it('reports every wrong row by number and imports the rest', () => {
    const { sessions, errors } = parseSeasonCsv(
      [
        'workshop,room,date,start,end',
        'Zine Night,Main Gallery,2030-04-02,19:00,21:00',
        'Zine Night,Basement,2030-04-09,19:00,21:00',
        ',Main Gallery,2030-04-16,7pm,21:00',
        'Zine Night,Main Gallery,2030-04-23,21:00,19:00',
      ].join('\n'),
      { rooms, timeZone: 'America/New_York' },
    );
    expect(sessions.map((s) => s.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, message: 'no room called "Basement"' },
      { row: 4, message: 'workshop is empty; "2030-04-16 7pm" is not a date YYYY-MM-DD and a time HH:MM' },
      { row: 5, message: 'end must be after start' },
    ]);
  });

  it('names the missing columns', () => {
    expect(parseSeasonCsv('title,room\nx,y', { rooms, timeZone: 'America/New_York' }).errors).toEqual([
      { row: 1, message: 'missing column(s): workshop, date, start, end (expected workshop, room, date, start, end)' },
    ]);
  });
});
