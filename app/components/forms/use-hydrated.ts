import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False on the server and while the page hydrates, true once React runs in the browser. Controls that
 * need JavaScript (a calendar popover, a combobox, "Add an exception") are disabled until then, so a
 * click before the scripts load is never swallowed; plain forms post either way.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
