import { startTransition, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The scroller's horizontal position and width. The position is quantized to 100 px so vertical
 * scrolling (which fires the same event) and small sideways steps do not re-render the rows; the rows
 * draw a quarter of a viewport extra on each side. It is read in the scroll event itself, where the
 * row virtualizer reads the vertical position, so React renders both in one pass rather than one
 * for each (an update from an animation frame has another priority and was rendered apart). A
 * scroll's update is a transition: the bars it brings are in the overscan, off screen, so React may
 * split their render across frames rather than stretch the frame it lands in.
 */
export function useViewport(scrollRef: RefObject<HTMLDivElement>) {
  // Width 0 until measured (before the first paint): the timeline lays nothing out for a guessed width.
  const [viewport, setViewport] = useState({ left: 0, width: 0 });
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    let frame = 0;
    const read = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      const left = Math.round(scroller.scrollLeft / 100) * 100;
      const width = scroller.clientWidth;
      setViewport((current) => (current.left === left && current.width === width ? current : { left, width }));
    };
    // Only a scroll's update is a transition: the first measure and a new width lay out the whole timeline.
    const readScrolled = () => startTransition(read);
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    scroller.addEventListener('scroll', readScrolled, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', readScrolled);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scrollRef]);
  return viewport;
}
