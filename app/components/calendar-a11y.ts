import { type RefObject, useEffect } from 'react';

const TABLE_PARTS = '[role="rowgroup"], [role="row"], [role="cell"], [role="columnheader"]';
const SCROLLERS: [selector: string, label: string][] = [
  ['.rbc-time-content', 'Bookings by time'],
  ['.rbc-agenda-content', 'Bookings list'],
];

/**
 * react-big-calendar marks parts of its day and week views as table rows and cells without a table
 * around them (an ARIA error screen readers trip over), and its scrolling time grid cannot be reached
 * by keyboard. It re-renders those parts itself, so they are mended after each change: the stray
 * table roles are dropped and each scrolling box is made focusable and named.
 */
export function useCalendarA11yRepair(container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const repair = () => {
      for (const part of root.querySelectorAll(TABLE_PARTS)) {
        if (!part.parentElement?.closest('[role="table"], [role="grid"], table')) part.removeAttribute('role');
      }
      for (const [selector, label] of SCROLLERS) {
        for (const box of root.querySelectorAll(selector)) {
          if (box.getAttribute('tabindex') !== '0') box.setAttribute('tabindex', '0');
          if (box.getAttribute('aria-label') !== label) {
            box.setAttribute('role', 'region');
            box.setAttribute('aria-label', label);
          }
        }
      }
    };
    repair();
    const observer = new MutationObserver(repair);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role'] });
    return () => observer.disconnect();
  }, [container]);
}
