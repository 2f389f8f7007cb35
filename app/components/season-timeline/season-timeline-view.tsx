import { useVirtualizer } from '@tanstack/react-virtual';
import { DateTime } from 'luxon';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { DateLocalizer, NavigateAction } from 'react-big-calendar';
import { useTimeFormat } from '../time-format';
import { layoutRows, timelineWindow, visibleBars, windowDays, windowWidth } from './layout';
import { TimelineBar, timeLabel, type EventPropGetter } from './timeline-bar';
import { useSeasonTimelineSettings, type TimelineEvent, type TimelineResource } from './timeline-context';
import { useBarDrag } from './use-bar-drag';
import './season-timeline.css';

const WINDOW_DAYS = 28;
const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 40;
const LABEL_WIDTH = 170;
const ZOOMS = { '6 px an hour': 144, '10 px an hour': 240, '20 px an hour': 480 } as const;

/** The props react-big-calendar gives every view that this one reads. */
interface Props {
  date: Date;
  events: TimelineEvent[];
  resources?: TimelineResource[];
  selected?: TimelineEvent;
  getters: { eventProp: EventPropGetter };
  onSelectEvent: (event: TimelineEvent) => void;
}

/**
 * The season by resource: one row per resource, four weeks across, the draft's sessions and blocks
 * and the live bookings as bars. Only what is on screen is rendered: rows are virtualized and each
 * row draws only the bars that reach into the horizontal viewport, so 60 rooms and 1,000 sessions
 * scroll as smoothly as ten.
 */
export function SeasonTimelineView({ date, events, resources = [], selected, getters, onSelectEvent }: Props) {
  const { timeZone, move } = useSeasonTimelineSettings();
  const time = useTimeFormat();
  const [dayWidth, setDayWidth] = useState<number>(ZOOMS['10 px an hour']);
  const timeline = useMemo(() => timelineWindow(date, timeZone, WINDOW_DAYS, dayWidth), [date, timeZone, dayWidth]);
  const rows = useMemo(
    () =>
      layoutRows(
        events,
        timeline,
        resources.map((r) => r.id),
      ),
    [events, timeline, resources],
  );
  // Built once per window: the rows re-render on every scroll, the days do not change.
  const dayHeaders = useMemo(
    () =>
      windowDays(timeline).map((day) => (
        <div
          key={day.toISODate()}
          className={day.weekday >= 6 ? 'timeline-day weekend' : 'timeline-day'}
          style={{ width: timeline.dayWidth }}
        >
          {time.shortDate(day.toJSDate())}
        </div>
      )),
    [timeline, time],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewport = useHorizontalViewport(scrollRef);

  const virtualizer = useVirtualizer({
    count: resources.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 4,
  });

  const canMove = useCallback((event: TimelineEvent) => event.kind !== 'booking', []);
  const { preview, start: startDrag } = useBarDrag({
    scrollRef,
    timeline,
    rowCount: resources.length,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    canMove,
    onDrop: (event, rowIndex, start, end) => move({ event, start, end, resourceId: resources[rowIndex].id }),
    onClick: onSelectEvent,
  });

  // Half a viewport either side, so a short scroll finds the bars already there.
  const overscan = viewport.width / 2;
  const fromX = viewport.left - overscan;
  const toX = viewport.left + viewport.width - LABEL_WIDTH + overscan;
  const width = LABEL_WIDTH + windowWidth(timeline);
  const gridStyle = { '--day-width': `${dayWidth}px` } as CSSProperties;

  return (
    <div className="season-timeline" style={gridStyle}>
      <div className="timeline-tools">
        <label>
          Zoom{' '}
          <select value={dayWidth} onChange={(e) => setDayWidth(Number(e.target.value))} aria-label="Timeline zoom">
            {Object.entries(ZOOMS).map(([label, value]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          Drag a bar along its row to move it in time, or onto another row to move it there; drag its left or right edge
          to change when it starts or ends (15-minute steps).
        </span>
      </div>
      <div className="timeline-scroller" ref={scrollRef} data-testid="timeline-scroller">
        <div className="timeline-canvas" style={{ width, height: virtualizer.getTotalSize() }}>
          <div className="timeline-days" style={{ height: HEADER_HEIGHT }}>
            <div className="timeline-corner" style={{ width: LABEL_WIDTH }}>
              Resource
            </div>
            {dayHeaders}
          </div>
          {virtualizer.getVirtualItems().map((virtualRow) => {
            const resource = resources[virtualRow.index];
            const row = rows.get(resource.id);
            return (
              <div
                key={resource.id}
                className="timeline-row"
                data-resource-id={resource.id}
                style={{ top: virtualRow.start, height: ROW_HEIGHT, width }}
              >
                <div className="timeline-row-label" style={{ width: LABEL_WIDTH }} title={resource.title}>
                  {resource.title}
                </div>
                <div className="timeline-track" style={{ left: LABEL_WIDTH, width: windowWidth(timeline) }}>
                  {row
                    ? visibleBars(row, fromX, toX).map((bar) => (
                        <TimelineBar
                          key={bar.item.id}
                          bar={bar}
                          rowIndex={virtualRow.index}
                          rowHeight={ROW_HEIGHT}
                          time={time}
                          selected={selected?.id === bar.item.id}
                          dragging={preview?.bar.item.id === bar.item.id}
                          resizable={canMove(bar.item)}
                          eventProp={getters.eventProp}
                          onPointerDown={startDrag}
                          onSelect={onSelectEvent}
                        />
                      ))
                    : null}
                </div>
              </div>
            );
          })}
          {preview ? (
            <div
              className="timeline-bar timeline-ghost"
              style={{
                left: LABEL_WIDTH + preview.x,
                width: preview.width,
                top: HEADER_HEIGHT + preview.rowIndex * ROW_HEIGHT + 3,
                height: ROW_HEIGHT - 7,
              }}
              role="status"
            >
              {preview.mode === 'move'
                ? `${preview.bar.item.title} → ${resources[preview.rowIndex]?.title}, ${timeLabel(preview.start, time)}`
                : `${preview.bar.item.title}: ${timeLabel(preview.start, time)} – ${timeLabel(preview.end, time)}`}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The horizontal scroll position and width, read once per animation frame while scrolling. */
function useHorizontalViewport(scrollRef: React.RefObject<HTMLDivElement>) {
  const [viewport, setViewport] = useState({ left: 0, width: 1200 });
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      // Quantized, so vertical scrolling (which fires the same event) does not re-render the bars.
      const left = Math.round(scroller.scrollLeft / 50) * 50;
      const width = scroller.clientWidth;
      setViewport((current) => (current.left === left && current.width === width ? current : { left, width }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    scroller.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', schedule);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scrollRef]);
  return viewport;
}

const windowOf = (date: Date) => DateTime.fromJSDate(date).startOf('week');

// react-big-calendar's view contract: which days the view shows, where Back/Next go, and its title.
// The board sets luxon's default zone to the organization's, as the localizer expects.
SeasonTimelineView.range = (date: Date) =>
  Array.from({ length: WINDOW_DAYS }, (_, i) => windowOf(date).plus({ days: i }).toJSDate());
SeasonTimelineView.navigate = (date: Date, action: NavigateAction) => {
  if (action === 'PREV') return DateTime.fromJSDate(date).minus({ days: WINDOW_DAYS }).toJSDate();
  if (action === 'NEXT') return DateTime.fromJSDate(date).plus({ days: WINDOW_DAYS }).toJSDate();
  return date;
};
// The board's `formats` (calendarFormats) write the title, like the other views' titles.
SeasonTimelineView.title = (date: Date, { localizer }: { localizer: DateLocalizer }) => {
  const first = windowOf(date);
  return localizer.format(
    { start: first.toJSDate(), end: first.plus({ days: WINDOW_DAYS - 1 }).toJSDate() },
    'dayRangeHeaderFormat',
  );
};
