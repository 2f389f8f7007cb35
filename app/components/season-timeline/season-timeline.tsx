import { useVirtualizer } from '@tanstack/react-virtual';
import { DateTime } from 'luxon';
import {
  forwardRef,
  startTransition,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import type { TimeFormatter } from '../../../core/time-format';
import { layoutRows, timelineWindow, visibleBars, windowWidth, xOfInstant, type Bar, type RowLayout } from './layout';
import {
  dayWidthFor,
  ROOM_ROW_HEIGHT,
  roomRowAtY,
  rowHeight,
  rowOffsets,
  shownHours,
  timelineRows,
  ZOOMS,
  type TimelineRoom,
  type TimelineRow as TimelineRowKind,
  type Zoom,
} from './rows';
import { DayGrid } from './day-grid';
import { RoomLabels } from './room-labels';
import { TimelineRow } from './timeline-row';
import type { ItemPresence, SeasonTimelineItem } from './types';
import { useBarDrag, type DragPreview, type DragStart } from './use-bar-drag';
import { useViewport } from './use-viewport';
import { DayHeaders, HEADER_HEIGHT } from './day-headers';
import { itemWhen, rangeInViewLabel } from './time-labels';
import './season-timeline.css';

export type { SeasonTimelineItem, PresencePerson, ItemPresence } from './types';
export type { TimelineRoom } from './rows';

/**
 * Props of the season timeline. Everything it changes goes out through callbacks: it keeps only
 * what is its own (zoom, filter, collapsed groups, a drag in progress), so a co-editor's change
 * arrives as new `items` and is drawn at once.
 */
export interface SeasonTimelineProps {
  /** Sessions, blocks and live bookings. Items on rooms not in `rooms` are not drawn. */
  items: SeasonTimelineItem[];
  /** Every room that can hold an item: grouped by `type`; opening hours narrow the hours shown. */
  rooms: TimelineRoom[];
  /**
   * The organization's formatter (ADR 034): positions follow the wall clock of its zone, also across
   * DST changes, and every date and time shown is written by it, in its locale and 12- or 24-hour clock.
   */
  time: TimeFormatter;
  /** The season's first and last day (YYYY-MM-DD): the timeline spans their weeks. */
  firstDay: string;
  lastDay: string;
  selectedId: string | null;
  /** A click on an item (or Enter/Space on it); null: a click on empty track. */
  onSelect: (itemId: string | null) => void;
  /** A drag to another time or room, or an arrow key on the selected item (15 minutes; Up/Down: next room). */
  onMove: (itemId: string, roomId: string, start: Date, end: Date) => void;
  /** An edge dragged: same room, new start or end. */
  onResize: (itemId: string, start: Date, end: Date) => void;
  /** A drag across empty track: a new item there. */
  onCreate: (roomId: string, start: Date, end: Date) => void;
  /** A drag with Alt held: a copy of the item lands there, the item stays. */
  onDuplicate: (itemId: string, roomId: string, start: Date, end: Date) => void;
  /** An item starts being dragged (moved, resized or copied) and stops: for co-editors to see. */
  onDragStart?: (itemId: string) => void;
  onDragEnd?: (itemId: string) => void;
  /** Keys on a focused item that the timeline does not use itself (Delete, Escape…). */
  onItemKeyDown?: (event: KeyboardEvent, itemId: string) => void;
  /** Why an item is red or yellow, in words, for its hover and focus text; '' when it is fine. */
  problemText: (itemId: string) => string;
  /** Co-editors on each item: a ring in their colour and a name tag. */
  presence?: ItemPresence;
  /** Shown first in the toolbar: the board's own view switcher. */
  toolbarStart?: ReactNode;
  initialZoom?: Zoom;
}

/** What the board can ask of the timeline. */
export interface SeasonTimelineHandle {
  /** Brings an item into view (opening its group and clearing a filter that hides it) and focuses it. */
  scrollToItem: (itemId: string) => void;
}

const LABEL_WIDTH = 184;
const NUDGE_MS = 15 * 60_000;
const ZOOM_LABELS: Record<Zoom, string> = { day: 'Day', week: 'Week', month: 'Month', season: 'Season' };

/**
 * The season by room: rooms as rows (grouped by type), days across. Only what is on screen is in
 * the page: rows are virtualized, each row draws only the bars that reach into the visible
 * stretch (found by binary search), and the date header draws only the visible days.
 */
export const SeasonTimeline = forwardRef<SeasonTimelineHandle, SeasonTimelineProps>(
  function SeasonTimeline(props, ref) {
    const { items, rooms, time, firstDay, lastDay, selectedId, presence, problemText } = props;
    const { timeZone } = time;
    const [zoom, setZoom] = useState<Zoom>(props.initialZoom ?? 'week');
    const [filter, setFilter] = useState('');
    const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
    const scrollRef = useRef<HTMLDivElement>(null);
    const viewport = useViewport(scrollRef);

    const seasonStart = useMemo(() => DateTime.fromISO(firstDay, { zone: timeZone }), [firstDay, timeZone]);
    const days = useMemo(() => {
      const first = seasonStart.startOf('week');
      const last = DateTime.fromISO(lastDay, { zone: timeZone }).endOf('week');
      return Math.max(7, Math.min(400, Math.round(last.diff(first, 'days').days)));
    }, [seasonStart, lastDay, timeZone]);
    const trackWidth = Math.max(200, viewport.width - LABEL_WIDTH);
    const dayWidth = dayWidthFor(zoom, trackWidth, days);
    const hours = useMemo(() => shownHours(rooms), [rooms]);
    const timeline = useMemo(
      () => timelineWindow(seasonStart.toJSDate(), timeZone, days, dayWidth, hours),
      [seasonStart, timeZone, days, dayWidth, hours],
    );
    const rows = useMemo(() => timelineRows(rooms, filter, collapsed), [rooms, filter, collapsed]);
    const offsets = useMemo(() => rowOffsets(rows), [rows]);
    // The bars come after the first frame, rendered as a transition React splits into short slices:
    // laying out and drawing them in the task that mounts the timeline blocked the page for 100 ms.
    const [barsShown, setBarsShown] = useState(false);
    useEffect(() => {
      const frame = requestAnimationFrame(() => startTransition(() => setBarsShown(true)));
      return () => cancelAnimationFrame(frame);
    }, []);
    const measured = viewport.width > 0;
    const layout = useMemo(
      () =>
        layoutRows(
          measured && barsShown ? items : [],
          timeline,
          rooms.map((room) => room.id),
        ),
      [items, timeline, rooms, measured, barsShown],
    );

    const virtualizer = useVirtualizer({
      count: rows.length,
      getScrollElement: () => scrollRef.current,
      estimateSize: (index) => rowHeight(rows[index]),
      getItemKey: (index) => {
        const row = rows[index];
        return row.kind === 'group' ? `group:${row.type}` : row.room.id;
      },
      paddingStart: HEADER_HEIGHT,
      overscan: 2,
      // Rows that scroll in are drawn in React's next render, not synchronously inside each scroll event.
      useFlushSync: false,
    });
    // Sizes are known, not measured: when the rows change (a filter, a group opened) start afresh.
    // biome-ignore lint/correctness/useExhaustiveDependencies: rows is the trigger
    useLayoutEffect(() => virtualizer.measure(), [rows, virtualizer]);

    // A zoom keeps the day at the left edge where it was.
    const leftDay = useRef(0);
    leftDay.current = viewport.left / dayWidth;
    const changeZoom = (next: Zoom) => {
      const scroller = scrollRef.current;
      const keep = leftDay.current;
      setZoom(next);
      requestAnimationFrame(() => {
        if (scroller) scroller.scrollLeft = keep * dayWidthFor(next, trackWidth, days);
      });
    };
    const step = (direction: 1 | -1) => {
      const scroller = scrollRef.current;
      if (!scroller) return;
      const unit = zoom === 'season' ? days : zoom === 'month' ? 28 : ZOOMS[zoom];
      scroller.scrollBy({ left: direction * unit * dayWidth, behavior: 'smooth' });
    };

    const roomRowAt = useCallback((y: number) => roomRowAtY(rows, offsets, y), [rows, offsets]);
    const roomOfRow = (index: number) => {
      const row = rows[index];
      return row?.kind === 'room' ? row.room : undefined;
    };
    const onDrop = (drop: DragPreview) => {
      const room = roomOfRow(drop.rowIndex);
      if (!room) return;
      if (drop.mode === 'create') props.onCreate(room.id, drop.start, drop.end);
      else if (!drop.item) return;
      else if (drop.mode === 'move' && drop.copy) props.onDuplicate(drop.item.id, room.id, drop.start, drop.end);
      else if (drop.mode === 'move') props.onMove(drop.item.id, room.id, drop.start, drop.end);
      else props.onResize(drop.item.id, drop.start, drop.end);
    };
    const { preview, start: startDrag } = useBarDrag({
      scrollRef,
      timeline,
      trackLeft: LABEL_WIDTH,
      headerHeight: HEADER_HEIGHT,
      roomRowAt,
      onDrop,
      onClick: (item) => props.onSelect(item?.id ?? null),
      onDragStart: (item) => props.onDragStart?.(item.id),
      onDragEnd: (item) => props.onDragEnd?.(item.id),
    });
    const onBarPointerDown = useCallback(
      (event: PointerEvent, drag: DragStart) => {
        // Live bookings are shown, not moved.
        if (drag.item?.kind === 'booking') return;
        startDrag(event, drag);
      },
      [startDrag],
    );

    // Two frames for the move or the scroll to be drawn, then a few more if the bars are still coming.
    const focusItem = (itemId: string, tries = 10): number =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const bar = scrollRef.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(itemId)}"]`);
          if (bar) bar.focus({ preventScroll: true });
          else if (tries > 0) focusItem(itemId, tries - 1);
        }),
      );
    const roomIndexOf = (roomId: string) => rows.findIndex((row) => row.kind === 'room' && row.room.id === roomId);
    const { onMove, onItemKeyDown, onSelect } = props;
    const onBarKey = (event: KeyboardEvent, item: SeasonTimelineItem) => {
      const movable = item.kind !== 'booking';
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(item.id);
      } else if (movable && item.id === selectedId && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
        event.preventDefault();
        const by = event.key === 'ArrowLeft' ? -NUDGE_MS : NUDGE_MS;
        onMove(item.id, item.roomId, new Date(item.start.getTime() + by), new Date(item.end.getTime() + by));
      } else if (movable && item.id === selectedId && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        const from = roomIndexOf(item.roomId);
        const direction = event.key === 'ArrowUp' ? -1 : 1;
        let to = from + direction;
        while (to >= 0 && to < rows.length && rows[to].kind !== 'room') to += direction;
        const room = roomOfRow(to);
        if (from < 0 || !room) return;
        onMove(item.id, room.id, item.start, item.end);
        focusItem(item.id);
      } else onItemKeyDown?.(event, item.id);
    };

    // One function for the life of the timeline, so the memoized bars do not re-render on each scroll.
    const barKey = useRef(onBarKey);
    barKey.current = onBarKey;
    const onBarKeyDown = useCallback(
      (event: KeyboardEvent, item: SeasonTimelineItem) => barKey.current(event, item),
      [],
    );

    useImperativeHandle(ref, () => ({
      scrollToItem(itemId) {
        const item = items.find((candidate) => candidate.id === itemId);
        const room = item && rooms.find((candidate) => candidate.id === item.roomId);
        if (!item || !room) return;
        const shownNow = timelineRows([room], filter, collapsed).some((row) => row.kind === 'room');
        const nextFilter = shownNow ? filter : '';
        const nextCollapsed = shownNow ? collapsed : new Set([...collapsed].filter((type) => type !== room.type));
        if (!shownNow) {
          setFilter(nextFilter);
          setCollapsed(nextCollapsed);
        }
        const nextRows = timelineRows(rooms, nextFilter, nextCollapsed);
        const index = nextRows.findIndex((row) => row.kind === 'room' && row.room.id === room.id);
        const top = rowOffsets(nextRows)[index];
        const x = xOfInstant(timeline, item.start);
        // After the rows above have been opened, so the canvas is tall enough to scroll there.
        requestAnimationFrame(() => {
          scrollRef.current?.scrollTo({
            top: Math.max(0, top - (scrollRef.current.clientHeight - HEADER_HEIGHT) / 3),
            left: Math.max(0, x - trackWidth / 4),
          });
          focusItem(itemId);
        });
      },
    }));

    // Nothing is drawn for a guessed width: the first render only measures the scroller.
    const virtualRows = measured ? virtualizer.getVirtualItems() : [];
    // The header's days change only when a day boundary crosses the left edge, not every 100 px.
    const firstShownDay = Math.floor(viewport.left / dayWidth);
    const headerDays = {
      fromX: firstShownDay * dayWidth,
      toX: (firstShownDay + Math.ceil(trackWidth / dayWidth) + 1) * dayWidth,
    };
    // A quarter of a viewport either side: a short scroll finds the bars already there.
    const overscan = viewport.width / 4;
    const fromX = viewport.left - overscan;
    const toX = viewport.left + viewport.width - LABEL_WIDTH + overscan;
    const rowBars = useStableRowBars(layout, virtualRows, rows, fromX, toX);
    // Bars wholly left of the drawn stretch (under the room names) show no label: its tail beside
    // the names would be a fragment of nobody's title. Read when a scroll comes to rest (the
    // virtualizer renders once more then), not at each step: labels going and coming at every step
    // cost a fast scroll 2–3 ms a frame. Half a step of slack for the rounded position.
    const restingLeft = useRef(0);
    if (!virtualizer.isScrolling) restingLeft.current = viewport.left;
    const labelsFromX = restingLeft.current - 50;
    const width = LABEL_WIDTH + windowWidth(timeline);
    const rowsHeight = virtualizer.getTotalSize() - HEADER_HEIGHT;
    const style = {
      '--day-width': `${dayWidth}px`,
      '--label-width': `${LABEL_WIDTH}px`,
      '--hour-width': `${(dayWidth * 60) / (hours.dayEndMinute - hours.dayStartMinute)}px`,
    } as CSSProperties;
    const titleOfRoom = (id: string) => rooms.find((room) => room.id === id)?.title ?? '';
    const visibleRange = useMemo(
      () => rangeInViewLabel(timeline, viewport.left, trackWidth, time),
      [timeline, viewport.left, trackWidth, time],
    );
    const toggleGroup = useCallback(
      (type: string) =>
        setCollapsed((current) => {
          const next = new Set(current);
          if (!next.delete(type)) next.add(type);
          return next;
        }),
      [],
    );
    const onTrackPointerDown = useCallback(
      (event: PointerEvent, rowIndex: number, x: number) =>
        startDrag(event, { mode: 'create', item: null, rowIndex, x }),
      [startDrag],
    );
    const draggingId = preview && !preview.copy ? (preview.item?.id ?? null) : null;
    const labelled = virtualRows.map((virtualRow) => ({
      key: virtualRow.key as string,
      row: rows[virtualRow.index],
      top: virtualRow.start - HEADER_HEIGHT,
      height: virtualRow.size,
    }));

    return (
      <div className="season-timeline" style={style}>
        <div className="timeline-toolbar">
          {props.toolbarStart}
          <fieldset className="timeline-segmented" aria-label="Zoom">
            {(Object.keys(ZOOM_LABELS) as Zoom[]).map((level) => (
              <button key={level} type="button" aria-pressed={zoom === level} onClick={() => changeZoom(level)}>
                {ZOOM_LABELS[level]}
              </button>
            ))}
          </fieldset>
          <div className="timeline-nav">
            <button type="button" aria-label="Earlier" onClick={() => step(-1)}>
              ‹
            </button>
            <button type="button" aria-label="Later" onClick={() => step(1)}>
              ›
            </button>
            <span className="timeline-range" aria-live="polite">
              {visibleRange}
            </span>
          </div>
          <input
            type="search"
            className="timeline-filter"
            placeholder="Filter rooms"
            aria-label="Filter rooms"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
        <section
          className="timeline-scroller"
          ref={scrollRef}
          data-testid="timeline-scroller"
          aria-label="Season timeline"
        >
          <div
            className="timeline-canvas"
            style={{ width, height: virtualizer.getTotalSize() }}
            onPointerOver={hoverRoomName}
            onPointerLeave={hoverRoomName}
          >
            {measured ? (
              <DayHeaders timeline={timeline} fromX={headerDays.fromX} toX={headerDays.toX} zoom={zoom} time={time} />
            ) : null}
            <RoomLabels rows={labelled} height={rowsHeight} onToggleGroup={toggleGroup} />
            {measured ? (
              <DayGrid
                timeline={timeline}
                fromX={headerDays.fromX}
                toX={headerDays.toX}
                top={HEADER_HEIGHT}
                height={rowsHeight}
              />
            ) : null}
            {virtualRows.map((virtualRow) => {
              const row = rows[virtualRow.index];
              if (row.kind === 'group')
                return (
                  <div
                    key={virtualRow.key}
                    className="timeline-group"
                    style={{ top: virtualRow.start, height: virtualRow.size, width }}
                  />
                );
              const bars = rowBars.get(row.room.id) ?? NO_BARS;
              return (
                <TimelineRow
                  key={virtualRow.key}
                  room={row.room}
                  rowIndex={virtualRow.index}
                  top={virtualRow.start}
                  width={width}
                  bars={bars}
                  labelsHidden={barsEndingBy(bars, labelsFromX)}
                  time={time}
                  selectedId={selectedId}
                  draggingId={draggingId}
                  problemText={problemText}
                  presence={presence}
                  onBarPointerDown={onBarPointerDown}
                  onBarKeyDown={onBarKeyDown}
                  onTrackPointerDown={onTrackPointerDown}
                />
              );
            })}
            {preview ? (
              <div
                className={`timeline-ghost ${preview.mode === 'create' ? 'creating' : ''}`}
                style={{
                  left: LABEL_WIDTH + preview.x,
                  width: preview.width,
                  top: HEADER_HEIGHT + offsets[preview.rowIndex] + 4,
                  height: ROOM_ROW_HEIGHT - 10,
                }}
                role="status"
              >
                <span className="timeline-ghost-label">
                  {ghostText(preview, titleOfRoom(roomOfRow(preview.rowIndex)?.id ?? ''), time)}
                </span>
              </div>
            ) : null}
          </div>
        </section>
      </div>
    );
  },
);

const NO_BARS: Bar<SeasonTimelineItem>[] = [];

/**
 * The bars each drawn room row shows between fromX and toX. A row keeps the same array while its
 * bars stay the same, so a sideways scroll re-renders only the rows that gain or lose a bar.
 */
function useStableRowBars(
  layout: Map<string, RowLayout<SeasonTimelineItem>>,
  virtualRows: { index: number }[],
  rows: TimelineRowKind[],
  fromX: number,
  toX: number,
): Map<string, Bar<SeasonTimelineItem>[]> {
  const previous = useRef(new Map<string, Bar<SeasonTimelineItem>[]>());
  const next = new Map<string, Bar<SeasonTimelineItem>[]>();
  for (const { index } of virtualRows) {
    const row = rows[index];
    if (row.kind !== 'room') continue;
    const rowLayout = layout.get(row.room.id);
    const bars = rowLayout ? visibleBars(rowLayout, fromX, toX) : NO_BARS;
    const before = previous.current.get(row.room.id);
    next.set(row.room.id, before && sameBars(before, bars) ? before : bars);
  }
  previous.current = next;
  return next;
}

/** How many of a row's first bars (sorted by x) end at or before `x`. */
function barsEndingBy(bars: Bar<SeasonTimelineItem>[], x: number): number {
  let count = 0;
  while (count < bars.length && bars[count].x + bars[count].width <= x) count++;
  return count;
}

const sameBars = <T,>(a: T[], b: T[]) => a.length === b.length && a.every((bar, i) => bar === b[i]);

/**
 * A pointer over a row lights up the room's name in the sticky column, as a name inside its row did
 * on the row's hover. Set on the name's element directly: a React render of the timeline for every
 * row the pointer crosses would cost more than the tint is worth.
 */
function hoverRoomName(event: PointerEvent<HTMLDivElement>) {
  const canvas = event.currentTarget;
  const roomId =
    event.type === 'pointerleave'
      ? null
      : (event.target as Element).closest?.('.timeline-row, .timeline-row-label')?.getAttribute('data-room-id');
  const lit = canvas.querySelector('.timeline-row-label[data-hovered]');
  if (lit && lit.getAttribute('data-room-id') === roomId) return;
  lit?.removeAttribute('data-hovered');
  if (roomId)
    canvas.querySelector(`.timeline-row-label[data-room-id="${CSS.escape(roomId)}"]`)?.setAttribute('data-hovered', '');
}

function ghostText(preview: DragPreview, roomTitle: string, time: TimeFormatter): string {
  const when = itemWhen(preview, time);
  if (preview.mode === 'create') return `New: ${roomTitle}, ${when}`;
  const title = preview.item?.title ?? '';
  if (preview.mode === 'move') return `${preview.copy ? 'Copy of ' : ''}${title} → ${roomTitle}, ${when}`;
  return `${title}: ${when}`;
}
