import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react';
import { instantAtX, movedTimes, resizedTimes, xOfInstant, type TimelineWindow } from './layout';
import type { SeasonTimelineItem as TimelineItem } from './types';

/** Dragging a bar moves it (or, with Alt held, copies it); an edge resizes it; empty track creates. */
export type DragMode = 'move' | 'resize-start' | 'resize-end' | 'create';

/** A drag in progress: where the item would land if dropped now. */
export interface DragPreview {
  item: TimelineItem | null;
  mode: DragMode;
  /** Alt held on a move: the drop makes a copy. */
  copy: boolean;
  rowIndex: number;
  x: number;
  width: number;
  start: Date;
  end: Date;
}

export interface DragStart {
  mode: DragMode;
  rowIndex: number;
  /** The bar dragged; null when creating. */
  item: TimelineItem | null;
  /** Creating: where the press was, in the track's coordinates. */
  x?: number;
}

interface Options {
  scrollRef: RefObject<HTMLDivElement>;
  timeline: TimelineWindow;
  /** Left of the track inside the scrolled content (the room names' width). */
  trackLeft: number;
  /** Above the first row inside the scrolled content (the date header's height). */
  headerHeight: number;
  /** The room row nearest a y in the rows' coordinates. */
  roomRowAt: (y: number) => number;
  onDrop: (preview: DragPreview) => void;
  onClick: (item: TimelineItem | null) => void;
  /** An item starts to travel (past a click's slop), and stops (dropped or given up): co-editors see it. */
  onDragStart?: (item: TimelineItem) => void;
  onDragEnd?: (item: TimelineItem) => void;
}

/** Below this many pixels of travel, a press is a click. */
const CLICK_SLOP = 4;
/** Held this close to an edge of the timeline, a drag scrolls it, up to EDGE_SPEED pixels a frame. */
const EDGE = 40;
const EDGE_SPEED = 16;

function edgeStep(position: number, low: number, high: number): number {
  if (position < low + EDGE) return -Math.ceil(EDGE_SPEED * Math.min(1, (low + EDGE - position) / EDGE));
  if (position > high - EDGE) return Math.ceil(EDGE_SPEED * Math.min(1, (position - (high - EDGE)) / EDGE));
  return 0;
}

/**
 * Pointer dragging on the timeline. Listeners sit on the window, not the bar, because the bar's row
 * may be virtualized away while the pointer travels; positions are read in the scrolled content's
 * coordinates, so scrolling during a drag lands where the pointer is. The preview is state of this
 * hook only: the items do not change until the drop.
 */
export function useBarDrag({ scrollRef, timeline, trackLeft, headerHeight, roomRowAt, ...callbacks }: Options) {
  const [preview, setPreview] = useState<DragPreview | null>(null);
  const options = useRef({ timeline, roomRowAt, ...callbacks });
  options.current = { timeline, roomRowAt, ...callbacks };
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const start = useCallback(
    (pointerDown: ReactPointerEvent, drag: DragStart) => {
      const scroller = scrollRef.current;
      if (pointerDown.button !== 0 || !scroller) return;
      pointerDown.preventDefault();
      const { mode, item, rowIndex } = drag;
      const origin = { x: pointerDown.clientX + scroller.scrollLeft, y: pointerDown.clientY + scroller.scrollTop };
      let copy = pointerDown.altKey;
      let moved = false;
      let pointer = { x: pointerDown.clientX, y: pointerDown.clientY };
      let frame = 0;

      const place = (clientX: number, clientY: number): DragPreview => {
        const { timeline: current, roomRowAt: rowAt } = options.current;
        const box = scroller.getBoundingClientRect();
        const dx = clientX + scroller.scrollLeft - origin.x;
        if (mode === 'create') {
          const from = drag.x ?? 0;
          const [left, right] = dx < 0 ? [from + dx, from] : [from, from + dx];
          const startAt = instantAtX(current, left);
          let end = instantAtX(current, right);
          if (end.getTime() - startAt.getTime() < 15 * 60_000) end = new Date(startAt.getTime() + 15 * 60_000);
          const x = xOfInstant(current, startAt);
          return {
            item,
            mode,
            copy: false,
            rowIndex,
            x,
            width: Math.max(2, xOfInstant(current, end) - x),
            start: startAt,
            end,
          };
        }
        if (!item) throw new Error('Only creating drags without an item');
        if (mode !== 'move') {
          const times = resizedTimes(current, item, mode === 'resize-start' ? 'start' : 'end', dx);
          const x = xOfInstant(current, times.start);
          return {
            item,
            mode,
            copy: false,
            rowIndex,
            x,
            width: Math.max(2, xOfInstant(current, times.end) - x),
            ...times,
          };
        }
        const targetRow = rowAt(clientY - box.top + scroller.scrollTop - headerHeight);
        const times = movedTimes(current, item, dx);
        const x = xOfInstant(current, times.start);
        const width = Math.max(3, xOfInstant(current, times.end) - x);
        return { item, mode, copy, rowIndex: targetRow < 0 ? rowIndex : targetRow, x, width, ...times };
      };
      const scrollAtEdges = () => {
        const box = scroller.getBoundingClientRect();
        const dx = edgeStep(pointer.x, box.left + trackLeft, box.right);
        const dy = mode === 'move' ? edgeStep(pointer.y, box.top + headerHeight, box.bottom) : 0;
        if (dx || dy) {
          scroller.scrollBy(dx, dy);
          setPreview(place(pointer.x, pointer.y));
        }
        frame = requestAnimationFrame(scrollAtEdges);
      };
      const onMove = (event: PointerEvent) => {
        pointer = { x: event.clientX, y: event.clientY };
        copy = event.altKey;
        if (
          !moved &&
          Math.abs(event.clientX + scroller.scrollLeft - origin.x) +
            Math.abs(event.clientY + scroller.scrollTop - origin.y) <
            CLICK_SLOP
        )
          return;
        if (!moved) {
          frame = requestAnimationFrame(scrollAtEdges);
          if (item) options.current.onDragStart?.(item);
        }
        moved = true;
        setPreview(place(event.clientX, event.clientY));
      };
      const onUp = (event: PointerEvent) => {
        finish();
        copy = event.altKey;
        if (!moved) options.current.onClick(item);
        else options.current.onDrop(place(event.clientX, event.clientY));
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
        if (moved && item) options.current.onDragEnd?.(item);
      };
      stop.current?.();
      stop.current = finish;
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', finish);
      window.addEventListener('keydown', onKey);
    },
    [scrollRef, trackLeft, headerHeight],
  );

  return { preview, start };
}
