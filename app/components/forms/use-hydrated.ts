import { startTransition, useEffect, useState } from 'react';

/** Set once the first page has hydrated: components mounted later (client navigation) start hydrated. */
let pageHydrated = false;

/**
 * False on the server and while the page hydrates, true once React runs in the browser. Controls that
 * need JavaScript (a calendar popover, a combobox, "Add an exception") are disabled until then, so a
 * click before the scripts load is never swallowed; plain forms post either way. The switch is a
 * transition: an urgent update would reach Suspense boundaries still hydrating (a lazy board, the
 * toasts) and make React throw their server markup away (React error 421).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(pageHydrated);
  useEffect(() => {
    if (hydrated) return;
    pageHydrated = true;
    startTransition(() => setHydrated(true));
  }, [hydrated]);
  return hydrated;
}
