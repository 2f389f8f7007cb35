import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTimeFormatter, type TimeFormatSettings, type TimeFormatter } from '../../core/time-format';

const TimeFormatContext = createContext<TimeFormatSettings | undefined>(undefined);

/**
 * Gives components below it the organization's formatter. The settings come from a loader, so the
 * server and the browser build the same formatter and write the same text (no hydration mismatch);
 * the browser's own zone and locale take no part.
 */
export function TimeFormatProvider({ settings, children }: { settings: TimeFormatSettings; children: ReactNode }) {
  return <TimeFormatContext.Provider value={settings}>{children}</TimeFormatContext.Provider>;
}

export function useTimeFormat(): TimeFormatter {
  const settings = useContext(TimeFormatContext);
  if (!settings) throw new Error('useTimeFormat needs a TimeFormatProvider above it (the organization is unknown)');
  const { timeZone, locale, clock } = settings;
  return useMemo(() => createTimeFormatter({ timeZone, locale, clock }), [timeZone, locale, clock]);
}

type InstantStyle = 'date' | 'shortDate' | 'time' | 'dateTime' | 'shortDateTime' | 'long' | 'dayHeading';

/** An instant in the organization's voice, with its ISO form for machines: `<time dateTime=…>`. */
export function Time({ at, style = 'dateTime' }: { at: Date | string; style?: InstantStyle }) {
  const time = useTimeFormat();
  return <time dateTime={time.machine(at)}>{time[style](at)}</time>;
}

/** Two calendar dates (YYYY-MM-DD, no time of day), e.g. a season's first and last day: "Sep 1 – Dec 31, 2026". */
export function CalendarDates({ first, last }: { first: string; last: string }) {
  const time = useTimeFormat();
  return <span>{time.calendarDateRange(first, last)}</span>;
}
