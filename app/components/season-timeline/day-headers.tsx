import { memo, useMemo } from 'react';
import type { TimeFormatter } from '../../../core/time-format';
import { dayOfWindow, daysInView, type TimelineWindow } from './layout';
import type { Zoom } from './rows';
import { dayHeader, hourMarks } from './time-labels';

export const HEADER_HEIGHT = 48;

interface Props {
  timeline: TimelineWindow;
  /** The visible stretch of the track: only its days (and one either side) are drawn. */
  fromX: number;
  toX: number;
  zoom: Zoom;
  time: TimeFormatter;
}

/** The sticky date header: weekday and date per day, months marked, and hour marks when there is room. */
export const DayHeaders = memo(function DayHeaders({ timeline, fromX, toX, zoom, time }: Props) {
  const { dayWidth } = timeline;
  const { first, last } = daysInView(timeline, fromX, toX);
  const marks = useMemo(() => hourMarks(timeline, time), [timeline, time]);
  const days = [];
  for (let i = first; i <= last; i++) {
    const day = dayOfWindow(timeline, i);
    const label = dayHeader(day, { dayWidth, zoom, shownBefore: i - first }, time);
    days.push(
      <div
        key={i}
        className={`timeline-day${day.weekday >= 6 ? ' weekend' : ''}${day.day === 1 ? ' month-start' : ''}`}
        style={{ left: i * dayWidth, width: dayWidth }}
      >
        <span className="timeline-day-name">
          {label.weekday ? <span className="timeline-weekday">{label.weekday}</span> : null}
          {label.weekday ? ' ' : null}
          {label.date}
        </span>
        {marks.map((mark) => (
          <span key={mark.hour} className="timeline-hour" style={{ left: mark.x }}>
            {mark.label}
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
