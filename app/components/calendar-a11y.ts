import { type RefObject, useEffect } from 'react';

/**
 * react-big-calendar's time views (day, week) put ARIA table roles on plain divs with no table
 * around them (the all-day row is a `rowgroup` holding a `row` without cells; the day headers are
 * `columnheader`s without a row), which screen readers read as a broken table, and the scrolling
 * hours cannot be reached by keyboard. Its markup has no prop for either, so after each render this
 * drops the stray roles and makes the scrolling boxes focusable, labelled regions. The bookings
 * themselves stay buttons in the tab order (the library's own), and the page offers the same
 * bookings as a list.
 */
export function useCalendarA11y(container: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const mend = () => {
      for (const element of root.querySelectorAll(
        '.rbc-time-view [role="rowgroup"], .rbc-time-view [role="row"], .rbc-time-view [role="columnheader"]',
      )) {
        element.removeAttribute('role');
        element.removeAttribute('aria-sort');
      }
      for (const [selector, label] of [
        ['.rbc-time-content', 'Bookings by hour'],
        ['.rbc-agenda-content', 'Bookings by day'],
      ] as const) {
        for (const box of root.querySelectorAll(selector)) {
          if (box.getAttribute('tabindex') === '0') continue;
          box.setAttribute('tabindex', '0');
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', label);
        }
      }
      // The agenda's table scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
      for (const table of root.querySelectorAll('.rbc-agenda-content > table')) {
        if (table.getAttribute('tabindex') !== '0') table.setAttribute('tabindex', '0');
      }
    };
    mend();
    const observer = new MutationObserver(mend);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container]);
}
