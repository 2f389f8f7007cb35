import { describe, expect, it } from 'vitest';
import {
  dayWidthFor,
  GROUP_ROW_HEIGHT,
  ROOM_ROW_HEIGHT,
  roomRowAtY,
  rowOffsets,
  shownHours,
  timelineRows,
  type TimelineRoom,
} from './rows';

const room = (id: string, title: string, type: string, weekly?: Record<string, { start: string; end: string }[]>) =>
  ({ id, title, type, capacity: 12, availabilityRules: weekly ? { weekly } : {} }) as TimelineRoom;

const rooms = [
  room('kiln', 'Ceramics Kiln', 'equipment', { mon: [{ start: '09:00', end: '21:00' }] }),
  room('c10', 'Classroom 10', 'space', { tue: [{ start: '10:00', end: '18:00' }] }),
  room('c2', 'Classroom 2', 'space', { wed: [{ start: '08:30', end: '17:00' }] }),
  room('ana', 'Studio visits: Ana', 'person', { thu: [{ start: '13:00', end: '17:00' }] }),
];

describe('timeline rows', () => {
  it('groups rooms by type, groups and rooms in reading order (Classroom 2 before Classroom 10)', () => {
    const rows = timelineRows(rooms, '', new Set());
    expect(rows.map((row) => (row.kind === 'group' ? `# ${row.type} ${row.rooms}` : row.room.id))).toEqual([
      '# equipment 1',
      'kiln',
      '# person 1',
      'ana',
      '# space 2',
      'c2',
      'c10',
    ]);
  });

  it('hides a collapsed group’s rooms behind its heading, and filters rooms by title', () => {
    const collapsed = timelineRows(rooms, '', new Set(['space']));
    expect(collapsed.filter((row) => row.kind === 'room').map((row) => row.kind === 'room' && row.room.id)).toEqual([
      'kiln',
      'ana',
    ]);
    expect(collapsed.at(-1)).toEqual({ kind: 'group', type: 'space', rooms: 2, collapsed: true });
    const filtered = timelineRows(rooms, ' class', new Set());
    expect(filtered.map((row) => (row.kind === 'group' ? row.type : row.room.id))).toEqual(['space', 'c2', 'c10']);
  });

  it('finds the room row under a y, treating a group heading as the room below it', () => {
    const rows = timelineRows(rooms, '', new Set());
    const offsets = rowOffsets(rows);
    expect(offsets.at(-1)).toBe(3 * GROUP_ROW_HEIGHT + 4 * ROOM_ROW_HEIGHT);
    expect(roomRowAtY(rows, offsets, -10)).toBe(1);
    expect(roomRowAtY(rows, offsets, GROUP_ROW_HEIGHT + 1)).toBe(1);
    expect(roomRowAtY(rows, offsets, GROUP_ROW_HEIGHT + ROOM_ROW_HEIGHT + 2)).toBe(3);
    expect(roomRowAtY(rows, offsets, 99_999)).toBe(6);
    const endsCollapsed = timelineRows(rooms, '', new Set(['space']));
    expect(roomRowAtY(endsCollapsed, rowOffsets(endsCollapsed), 99_999)).toBe(3);
  });

  it('shows an hour either side of the opening hours, or the whole day when a room is always open', () => {
    expect(shownHours(rooms)).toEqual({ dayStartMinute: 7 * 60, dayEndMinute: 22 * 60 });
    expect(shownHours([...rooms, room('yard', 'Yard', 'space')])).toEqual({ dayStartMinute: 0, dayEndMinute: 1440 });
  });

  it('fits a week, a month or the whole season into the visible width, never narrower than readable', () => {
    expect(dayWidthFor('week', 840, 56)).toBe(120);
    expect(dayWidthFor('day', 840, 56)).toBe(840);
    expect(dayWidthFor('month', 840, 56)).toBe(27);
    expect(dayWidthFor('season', 840, 56)).toBe(15);
    expect(dayWidthFor('season', 840, 364)).toBe(6);
  });
});
