import { useRef, type ReactElement } from 'react';

/**
 * Elements made for each of a list's values (by identity), kept for as long as `inputs` (the
 * other things they are drawn from) stay the same. A scroll re-renders a row for the bars it gains
 * or loses; the bars it keeps then cost no new element and no comparison of props.
 */
export function useKeptElements<K extends object, P>(inputs: readonly unknown[]): WeakMap<K, ReactElement<P>> {
  const kept = useRef<{ inputs: readonly unknown[]; elements: WeakMap<K, ReactElement<P>> } | null>(null);
  if (!kept.current || !sameValues(kept.current.inputs, inputs)) kept.current = { inputs, elements: new WeakMap() };
  return kept.current.elements;
}

/** Keeps `element` for `value` and gives it back. */
export function keep<K extends object, P>(
  kept: WeakMap<K, ReactElement<P>>,
  value: K,
  element: ReactElement<P>,
): ReactElement<P> {
  kept.set(value, element);
  return element;
}

const sameValues = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
