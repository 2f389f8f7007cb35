type Comparison<P> = (before: Readonly<P>, after: Readonly<P>) => boolean;

/**
 * A `memo` comparison over a fixed list of props, which must name every prop of `P` (a prop left
 * out is a type error naming it). React's own comparison calls `Object.keys` on both sides each
 * time: for the bars and rows a scroll re-renders, those arrays were a tenth of the garbage a fast
 * scroll left. Usage: `memo(Bar, samePropsOf<Props>()(['bar', 'selected', …]))`.
 */
export function samePropsOf<P extends object>() {
  return <const N extends readonly (keyof P)[]>(
    names: N & ([Exclude<keyof P, N[number]>] extends [never] ? unknown : { missing: Exclude<keyof P, N[number]> }),
  ): Comparison<P> =>
    (before, after) => {
      for (let i = 0; i < names.length; i++) if (!Object.is(before[names[i]], after[names[i]])) return false;
      return true;
    };
}
