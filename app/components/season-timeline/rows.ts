import { WEEKDAYS, type AvailabilityRules } from '../../../core/availability';

/** A room as the timeline and the agenda show it. */
export interface TimelineRoom {
  id: string;
  title: string;
  /** Rooms are grouped by type (space, equipment, person…), one collapsible group each. */
  type: string;
  capacity: number;
  availabilityRules: AvailabilityRules;
}

/** One line of the timeline: a group's heading or a room. */
export type TimelineRow =
  | { kind: 'group'; type: string; rooms: number; collapsed: boolean }
  | { kind: 'room'; room: TimelineRoom };

export const GROUP_ROW_HEIGHT = 28;
export const ROOM_ROW_HEIGHT = 56;

const GROUP_NAMES: Record<string, string> = { space: 'Spaces', equipment: 'Equipment', person: 'People' };
export const groupName = (type: string) => GROUP_NAMES[type] ?? `${type.slice(0, 1).toUpperCase()}${type.slice(1)}`;

/** Numbers in order (Classroom 2 before Classroom 10); one collator, not one made per comparison. */
const byTitle = new Intl.Collator(undefined, { numeric: true });

/**
 * The rows in order: rooms grouped by type (groups alphabetical by name, rooms by title), rooms
 * whose title does not contain `filter` left out, a collapsed group's rooms hidden behind its heading.
 */
export function timelineRows(rooms: TimelineRoom[], filter: string, collapsed: ReadonlySet<string>): TimelineRow[] {
  const wanted = filter.trim().toLowerCase();
  const byType = new Map<string, TimelineRoom[]>();
  for (const room of rooms) {
    if (wanted && !room.title.toLowerCase().includes(wanted)) continue;
    byType.set(room.type, [...(byType.get(room.type) ?? []), room]);
  }
  const rows: TimelineRow[] = [];
  const types = [...byType.keys()].sort((a, b) => groupName(a).localeCompare(groupName(b)));
  for (const type of types) {
    const members = byType.get(type)!.sort((a, b) => byTitle.compare(a.title, b.title));
    rows.push({ kind: 'group', type, rooms: members.length, collapsed: collapsed.has(type) });
    if (!collapsed.has(type)) for (const room of members) rows.push({ kind: 'room', room });
  }
  return rows;
}

export const rowHeight = (row: TimelineRow) => (row.kind === 'group' ? GROUP_ROW_HEIGHT : ROOM_ROW_HEIGHT);

/** The top of every row, and the total height as the last entry. */
export function rowOffsets(rows: TimelineRow[]): number[] {
  const offsets = [0];
  for (const row of rows) offsets.push(offsets[offsets.length - 1] + rowHeight(row));
  return offsets;
}

/**
 * The room row nearest a vertical position (0 = top of the first row): a position on a group's
 * heading counts as the room just below it (or above, for a collapsed group at the end).
 */
export function roomRowAtY(rows: TimelineRow[], offsets: number[], y: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle] <= y) low = middle;
    else high = middle - 1;
  }
  for (let i = low; i < rows.length; i++) if (rows[i].kind === 'room') return i;
  for (let i = low; i >= 0; i--) if (rows[i].kind === 'room') return i;
  return -1;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * The hours the day columns show: from an hour before the earliest opening to an hour after the
 * latest closing of all rooms, so nights do not take most of the width. A room open around the
 * clock (no weekly hours) means the whole day.
 */
export function shownHours(rooms: TimelineRoom[]): { dayStartMinute: number; dayEndMinute: number } {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const room of rooms) {
    const weekly = room.availabilityRules.weekly;
    if (!weekly) return { dayStartMinute: 0, dayEndMinute: 24 * 60 };
    for (const day of WEEKDAYS)
      for (const hours of weekly[day] ?? []) {
        start = Math.min(start, minutesOf(hours.start));
        end = Math.max(end, minutesOf(hours.end));
      }
  }
  if (!Number.isFinite(start)) return { dayStartMinute: 0, dayEndMinute: 24 * 60 };
  return { dayStartMinute: Math.max(0, Math.floor(start / 60) * 60 - 60), dayEndMinute: Math.min(1440, end + 60) };
}

/** Zoom levels: how many days the visible width holds. */
export const ZOOMS = { day: 1, week: 7, month: 31, season: 0 } as const;
export type Zoom = keyof typeof ZOOMS;

/** Pixels a day is drawn at for a zoom, given the width of the visible track and the season's length. */
export function dayWidthFor(zoom: Zoom, trackWidth: number, seasonDays: number): number {
  const days = zoom === 'season' ? seasonDays : ZOOMS[zoom];
  return Math.max(zoom === 'season' ? 6 : 24, Math.floor(trackWidth / Math.max(1, days)));
}
