import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react';
import { movedTimes, resizedTimes, rowAtY, xOfInstant, type Bar, type TimelineWindow } from './layout';
import type { TimelineEvent } from './timeline-context';

/** Dragging a bar moves it; dragging one of its edges resizes it (same row). */
export type DragMode = 'move' | 'resize-start' | 'resize-end';

/** A bar being dragged: where it would land if dropped now. */
export interface DragPreview {
  bar: Bar<TimelineEvent>;
  mode: DragMode;
  rowIndex: number;
  x: number;
  width: number;
  start: Date;
  end: Date;
}

interface Options {
  scrollRef: RefObject<HTMLDivElement>;
  timeline: TimelineWindow;
  rowCount: number;
  rowHeight: number;
  /** Height of the day header above the first row. */
  headerHeight: number;
  canMove: (event: TimelineEvent) => boolean;
  onDrop: (event: TimelineEvent, rowIndex: number, start: Date, end: Date) => void;
  onClick: (event: TimelineEvent) => void;
}

/** Below this many pixels of travel, a press is a click. */
const CLICK_SLOP = 4;
/** Held this close to an edge of the timeline, a drag scrolls it, up to EDGE_SPEED pixels a frame. */
const EDGE = 40;
const EDGE_SPEED = 16;

/** How far to scroll this frame along one axis: faster the closer the pointer is to (or past) the edge. */
function edgeStep(position: number, low: number, high: number): number {
  if (position < low + EDGE) return -Math.ceil(EDGE_SPEED * Math.min(1, (low + EDGE - position) / EDGE));
  if (position > high - EDGE) return Math.ceil(EDGE_SPEED * Math.min(1, (position - (high - EDGE)) / EDGE));
  return 0;
}

/**
 * Pointer dragging of bars. Listeners sit on the window, not the bar, because the bar's row may be
 * virtualized away while the pointer travels (a wheel scroll mid-drag); positions are read in the
 * scrolled content's coordinates, so scrolling during a drag lands where the pointer is.
 */
export function useBarDrag({
  scrollRef,
  timeline,
  rowCount,
  rowHeight,
  headerHeight,
  canMove,
  onDrop,
  onClick,
}: Options) {
  const [preview, setPreview] = useState<DragPreview | null>(null);
  const options = useRef({ timeline, rowCount, onDrop, onClick });
  options.current = { timeline, rowCount, onDrop, onClick };
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const start = useCallback(
    (pointerDown: ReactPointerEvent, bar: Bar<TimelineEvent>, rowIndex: number, mode: DragMode = 'move') => {
      const scroller = scrollRef.current;
      if (pointerDown.button !== 0 || !scroller) return;
      pointerDown.preventDefault();
      const origin = { x: pointerDown.clientX + scroller.scrollLeft, y: pointerDown.clientY + scroller.scrollTop };
      const movable = canMove(bar.item);
      let moved = false;
      let pointer = { x: pointerDown.clientX, y: pointerDown.clientY };
      let frame = 0;

      const place = (clientX: number, clientY: number): DragPreview => {
        const { timeline: current, rowCount: rows } = options.current;
        const box = scroller.getBoundingClientRect();
        const dx = clientX + scroller.scrollLeft - origin.x;
        if (mode !== 'move') {
          const times = resizedTimes(current, bar.item, mode === 'resize-start' ? 'start' : 'end', dx);
          const x = xOfInstant(current, times.start);
          return { bar, mode, rowIndex, x, width: Math.max(2, xOfInstant(current, times.end) - x), ...times };
        }
        const targetRow = rowAtY(clientY - box.top + scroller.scrollTop - headerHeight, rowHeight, rows);
        const times = movedTimes(current, bar.item, dx);
        return { bar, mode, rowIndex: targetRow, x: xOfInstant(current, times.start), width: bar.width, ...times };
      };
      // Near an edge, scroll every frame (the pointer may rest there) and keep the preview under it.
      const scrollAtEdges = () => {
        const box = scroller.getBoundingClientRect();
        const dx = edgeStep(pointer.x, box.left, box.right);
        const dy = edgeStep(pointer.y, box.top + headerHeight, box.bottom);
        if (dx || dy) {
          scroller.scrollBy(dx, dy);
          setPreview(place(pointer.x, pointer.y));
        }
        frame = requestAnimationFrame(scrollAtEdges);
      };
      const onMove = (event: PointerEvent) => {
        if (!movable) return;
        pointer = { x: event.clientX, y: event.clientY };
        if (
          !moved &&
          Math.abs(event.clientX + scroller.scrollLeft - origin.x) +
            Math.abs(event.clientY + scroller.scrollTop - origin.y) <
            CLICK_SLOP
        )
          return;
        if (!moved) frame = requestAnimationFrame(scrollAtEdges);
        moved = true;
        setPreview(place(event.clientX, event.clientY));
      };
      const onUp = (event: PointerEvent) => {
        finish();
        if (!moved) options.current.onClick(bar.item);
        else {
          const landing = place(event.clientX, event.clientY);
          options.current.onDrop(bar.item, landing.rowIndex, landing.start, landing.end);
        }
      };
      const onKey = (event: KeyboardEvent) => {
        if (event.key === 'Escape') finish();
      };
      const finish = () => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
        window.removeEventListener('pointercancel', finish);
        window.removeEventListener('keydown', onKey);
        if (frame) cancelAnimationFrame(frame);
        stop.current = null;
        setPreview(null);
      };
      stop.current?.();
      stop.current = finish;
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', finish);
      window.addEventListener('keydown', onKey);
    },
    [scrollRef, canMove, rowHeight, headerHeight],
  );

  return { preview, start };
}
