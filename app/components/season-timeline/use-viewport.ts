import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The scroller's horizontal position and width, read at most once per animation frame. The
 * position is quantized to 50 px so vertical scrolling (which fires the same event) and small
 * sideways steps do not re-render the rows; the rows draw half a viewport extra on each side.
 */
export function useViewport(scrollRef: RefObject<HTMLDivElement>) {
  // Width 0 until measured (before the first paint): the timeline lays nothing out for a guessed width.
  const [viewport, setViewport] = useState({ left: 0, width: 0 });
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    let frame = 0;
    const read = () => {
      frame = 0;
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
