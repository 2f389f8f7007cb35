import { memo } from 'react';
import type { TimelineWindow } from './layout';
import type { Zoom } from './rows';

export const HEADER_HEIGHT = 48;

interface Props {
  timeline: TimelineWindow;
  /** The visible stretch of the track: only its days (and one either side) are drawn. */
  fromX: number;
  toX: number;
  zoom: Zoom;
}

/** Hours labelled under a day at each zoom: every hour for a day, a few for a week, none wider. */
const HOUR_STEP: Record<Zoom, number> = { day: 1, week: 4, month: 0, season: 0 };

/** The sticky date header: weekday and date per day, months marked, and hour marks when there is room. */
export const DayHeaders = memo(function DayHeaders({ timeline, fromX, toX, zoom }: Props) {
  const { dayWidth, dayStartMinute, dayEndMinute } = timeline;
  const first = Math.max(0, Math.floor(fromX / dayWidth) - 1);
  const last = Math.min(timeline.days - 1, Math.ceil(toX / dayWidth) + 1);
  const narrow = dayWidth < 60;
  const step = dayWidth >= 100 ? HOUR_STEP[zoom] : 0;
  const hourMarks: number[] = [];
  // Marks on whole multiples of the step, away from the day's edges (where the date and the next day sit).
  if (step)
    for (let h = Math.ceil(dayStartMinute / 60 / step) * step; h * 60 < dayEndMinute; h += step)
      if (h * 60 - dayStartMinute >= 30 && dayEndMinute - h * 60 >= 30) hourMarks.push(h);
  const hourX = (hour: number) => ((hour * 60 - dayStartMinute) / (dayEndMinute - dayStartMinute)) * dayWidth;
  const days = [];
  for (let i = first; i <= last; i++) {
    const day = timeline.firstDay.plus({ days: i });
    const monthStart = day.day === 1 || i === first;
    days.push(
      <div
        key={i}
        className={`timeline-day${day.weekday >= 6 ? ' weekend' : ''}${day.day === 1 ? ' month-start' : ''}`}
        style={{ left: i * dayWidth, width: dayWidth }}
      >
        {narrow ? (
          <span className="timeline-day-name">
            {monthStart && zoom !== 'month' ? day.toFormat('LLL ') : ''}
            {zoom === 'season' && day.weekday !== 1 && !monthStart ? '' : day.toFormat('d')}
          </span>
        ) : (
          <span className="timeline-day-name">
            <span className="timeline-weekday">{day.toFormat('ccc')}</span>{' '}
            {day.toFormat(dayWidth > 160 ? 'd LLL' : 'd')}
          </span>
        )}
        {hourMarks.map((hour) => (
          <span key={hour} className="timeline-hour" style={{ left: hourX(hour) }}>
            {hour === 0 || hour === 24 ? '12a' : hour === 12 ? '12p' : hour < 12 ? `${hour}a` : `${hour - 12}p`}
          </span>
        ))}
      </div>,
    );
  }
  return (
    <div className="timeline-header" style={{ height: HEADER_HEIGHT }}>
      <div className="timeline-corner">Rooms</div>
      <div className="timeline-days">{days}</div>
    </div>
  );
});
