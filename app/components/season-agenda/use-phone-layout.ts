import { useEffect, useState, useSyncExternalStore } from 'react';

/** Below Tailwind's `md` breakpoint (768 px) the board is the agenda, not the timeline. */
export const PHONE_QUERY = '(max-width: 767.98px)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True on a screen narrower than `md`; follows the window as it is resized or a phone is turned. */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}

/**
 * False until a frame after the screen widens past `md`: the board takes the agenda out (a busy week
 * is thousands of elements) in one task and mounts the timeline in the next, where doing both in one
 * blocked the page for over 50 ms.
 */
export function useWideAfterAFrame(phone: boolean): boolean {
  const [wide, setWide] = useState(!phone);
  useEffect(() => {
    if (phone) {
      setWide(false);
      return;
    }
    const frame = requestAnimationFrame(() => setWide(true));
    return () => cancelAnimationFrame(frame);
  }, [phone]);
  return wide && !phone;
}
