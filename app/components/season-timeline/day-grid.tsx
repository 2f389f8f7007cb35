import { memo } from 'react';
import { daysInView, type TimelineWindow } from './layout';

interface Props {
  timeline: TimelineWindow;
  /** The drawn stretch of the track: only its days (and one either side) get a column. */
  fromX: number;
  toX: number;
  top: number;
  height: number;
}

/**
 * The day lines and the shaded weekends behind every row: one plain box per day in view, as tall as
 * the rows. (A repeating gradient on each row drew the same, but rasterizing it took most of a frame
 * whenever rows scrolled in.) The timeline always starts on a Monday: days 5 and 6 of each week are
 * the weekend.
 */
export const DayGrid = memo(function DayGrid({ timeline, fromX, toX, top, height }: Props) {
  const { dayWidth } = timeline;
  const { first, last } = daysInView(timeline, fromX, toX);
  const days = [];
  for (let i = first; i <= last; i++)
    days.push(
      <div
        key={i}
        className={i % 7 >= 5 ? 'timeline-grid-day weekend' : 'timeline-grid-day'}
        style={{ left: i * dayWidth, width: dayWidth }}
      />,
    );
  return (
    <div className="timeline-grid" style={{ top, height }} aria-hidden="true">
      {days}
    </div>
  );
});
