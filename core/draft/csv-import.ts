import { DateTime } from 'luxon';
import Papa from 'papaparse';

/**
 * A season from a spreadsheet: one session per row, columns `workshop, room, date, start, end`
 * (date YYYY-MM-DD, times HH:MM in the organization's time zone). Every row is checked; the rows
 * that are wrong are reported by number with what is wrong, the others are imported.
 */
export interface CsvSession {
  row: number;
  workshopTitle: string;
  resourceId: string;
  startsAt: string;
  endsAt: string;
}

export interface CsvRowError {
  row: number;
  message: string;
}

const COLUMNS = ['workshop', 'room', 'date', 'start', 'end'] as const;

function localInstant(date: string, time: string, zone: string): DateTime {
  return DateTime.fromFormat(`${date} ${time.padStart(5, '0')}`, 'yyyy-MM-dd HH:mm', { zone });
}

export function parseSeasonCsv(
  text: string,
  context: { rooms: { id: string; title: string }[]; timeZone: string },
): { sessions: CsvSession[]; errors: CsvRowError[] } {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const missing = COLUMNS.filter((column) => !parsed.meta.fields?.includes(column));
  if (missing.length)
    return {
      sessions: [],
      errors: [{ row: 1, message: `missing column(s): ${missing.join(', ')} (expected ${COLUMNS.join(', ')})` }],
    };
  const roomsByTitle = new Map(context.rooms.map((room) => [room.title.trim().toLowerCase(), room.id]));
  const sessions: CsvSession[] = [];
  const errors: CsvRowError[] = [];
  parsed.data.forEach((record, index) => {
    const row = index + 2; // the header is row 1
    const value = (column: (typeof COLUMNS)[number]) => (record[column] ?? '').trim();
    const problems: string[] = [];
    if (!value('workshop')) problems.push('workshop is empty');
    const resourceId = roomsByTitle.get(value('room').toLowerCase());
    if (!resourceId) problems.push(`no room called "${value('room')}"`);
    const start = localInstant(value('date'), value('start'), context.timeZone);
    const end = localInstant(value('date'), value('end'), context.timeZone);
    if (!start.isValid) problems.push(`"${value('date')} ${value('start')}" is not a date YYYY-MM-DD and a time HH:MM`);
    else if (!end.isValid) problems.push(`"${value('end')}" is not a time HH:MM`);
    else if (end <= start) problems.push('end must be after start');
    if (problems.length) {
      errors.push({ row, message: problems.join('; ') });
      return;
    }
    sessions.push({
      row,
      workshopTitle: value('workshop'),
      resourceId: resourceId!,
      startsAt: start.toUTC().toISO()!,
      endsAt: end.toUTC().toISO()!,
    });
  });
  for (const error of parsed.errors) errors.push({ row: (error.row ?? 0) + 2, message: error.message });
  return { sessions, errors: errors.sort((a, b) => a.row - b.row) };
}
