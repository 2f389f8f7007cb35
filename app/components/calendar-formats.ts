import { DateTime } from 'luxon';
import type { Formats } from 'react-big-calendar';
import type { TimeFormatter } from '../../core/time-format';

/**
 * react-big-calendar's labels written by the organization's formatter (ADR 034), so the calendars
 * read like every other page: its clock, its locale, its zone.
 */
export function calendarFormats(time: TimeFormatter): Formats {
  const day = (date: Date) => DateTime.fromJSDate(date, { zone: time.timeZone }).toISODate() ?? '';
  const days = ({ start, end }: { start: Date; end: Date }) => time.calendarDateRange(day(start), day(end));
  const hours = ({ start, end }: { start: Date; end: Date }) => time.timeRange(start, end);
  return {
    dayFormat: (date) => time.shortDate(date),
    weekdayFormat: (date) => time.shortDate(date),
    dayHeaderFormat: (date) => time.calendarDayHeading(day(date)),
    dayRangeHeaderFormat: days,
    agendaHeaderFormat: days,
    agendaDateFormat: (date) => time.shortDate(date),
    agendaTimeFormat: (date) => time.time(date),
    agendaTimeRangeFormat: hours,
    timeGutterFormat: (date) => time.time(date),
    eventTimeRangeFormat: hours,
    selectRangeFormat: hours,
  };
}
