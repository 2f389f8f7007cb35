import { type ClassValue, clsx } from 'clsx';

/**
 * Joins class names, letting a later Tailwind class replace an earlier one of the same property
 * (`cn('p-2', 'p-4')` is `p-4`, `cn('px-2', 'p-4')` is `p-4`, `cn('p-4', 'px-2')` keeps both).
 */
export function cn(...inputs: ClassValue[]): string {
  return mergeClasses(clsx(inputs));
}

/*
 * A small stand-in for tailwind-merge (ADR 040): it knows the utilities this design system uses
 * (its tokens, Tailwind's spacing and sizing) rather than all of Tailwind, and keeps any class it does
 * not know, as joining without merging would. cn.test.ts holds it to tailwind-merge's answer for every
 * pair of classes in the app's stylesheet, so a new utility that it misreads fails there.
 */

const FAMILIES = new Map<string, string>();
function family(group: string, words: string): void {
  for (const word of words.split(' ')) FAMILIES.set(word, group);
}
family(
  'display',
  'block inline-block inline flex inline-flex grid inline-grid contents hidden table table-row table-cell table-caption table-column table-header-group table-row-group table-footer-group flow-root list-item',
);
family('position', 'static fixed absolute relative sticky');
family('visibility', 'visible invisible collapse');
family('sr', 'sr-only');
family('not-sr', 'not-sr-only');
family('font-style', 'italic not-italic');
family('text-decoration', 'underline overline line-through no-underline');
family('text-transform', 'uppercase lowercase capitalize normal-case');
family('font-smoothing', 'antialiased subpixel-antialiased');
family('truncate', 'truncate');
family('text-overflow', 'text-ellipsis text-clip');
family('fvn-spacing', 'tabular-nums proportional-nums');
family('fvn-figure', 'lining-nums oldstyle-nums');
family('flex-direction', 'flex-row flex-row-reverse flex-col flex-col-reverse');
family('flex-wrap', 'flex-wrap flex-wrap-reverse flex-nowrap');
family('border-collapse', 'border-collapse border-separate');
family('table-layout', 'table-auto table-fixed');
family('word-break', 'break-normal break-words break-all break-keep');
family('ring-inset', 'ring-inset');
family('list-position', 'list-inside list-outside');
family('isolation', 'isolate isolation-auto');
family('box-decoration', 'box-decoration-clone box-decoration-slice');
family('box', 'box-border box-content');
family('transform', 'transform transform-cpu transform-gpu transform-none');
family('container', 'container');
family('filter', 'filter filter-none');
family('backdrop-filter', 'backdrop-filter backdrop-filter-none');

/** Prefixes whose every value sets the one property, longest first so `gap-x` wins over `gap`. */
const PLAIN = [
  'p px py ps pe pt pr pb pl m mx my ms me mt mr mb ml gap gap-x gap-y space-x space-y w h size min-w min-h max-w max-h',
  'inset inset-x inset-y start end top right bottom left z opacity order basis grow shrink flex col-span col-start col-end col',
  'row-span row-start row-end row grid-cols grid-rows grid-flow auto-cols auto-rows leading tracking translate-x translate-y',
  'scale rotate skew-x skew-y origin underline-offset line-clamp duration delay ease animate transition aspect columns indent',
  'cursor select resize pointer-events appearance align list items justify-items justify-self justify self place-content',
  'place-items place-self content overflow-x overflow-y overflow overscroll-x overscroll-y overscroll whitespace',
  'backdrop-blur blur caption object scroll-mt scroll-mb scroll-ml scroll-mr scroll-m scroll-pt scroll-p accent caret',
  'will-change float clear break-before break-after break-inside hyphens mix-blend bg-blend touch snap-align snap-type',
]
  .join(' ')
  .split(' ')
  .sort((a, b) => b.length - a.length);

// A value that is a size (for `text-`, `shadow-`), not a colour.
const SIZES = /^(xs|sm|md|lg|xl|\d?xl|base|none|inner)$/;
const LENGTH = /^(\d|\.\d|px$|\[(length:|\d|\.\d|calc|min|max|clamp))/;
const SIDES = /^(x|y|s|e|t|r|b|l|tl|tr|br|bl|ss|se|es|ee)$/;

/** The property group of a utility (no variants, `!` or leading `-`), or undefined for a class it does not know. */
function groupOf(utility: string): string | undefined {
  const known = FAMILIES.get(utility);
  if (known) return known;
  if (utility.startsWith('[') && utility.includes(':')) return utility.slice(1, utility.indexOf(':'));
  // A colour's opacity (`bg-accent/90`) does not change what it sets.
  const [name, ...rest] = utility.split('-');
  const value = rest.join('-').replace(/\/\d+$/, '');
  const sizeOrColor = (sized: string, coloured: string) =>
    value === '' || SIZES.test(value) || LENGTH.test(value) ? sized : coloured;
  switch (name) {
    case 'text':
      if (/^(left|center|right|justify|start|end)$/.test(value)) return 'text-align';
      if (/^(wrap|nowrap|balance|pretty)$/.test(value)) return 'text-wrap';
      return sizeOrColor('font-size', 'text-color');
    case 'bg':
      return /^(none|linear|radial|conic|gradient|fixed|local|scroll|repeat|no-repeat|cover|contain|auto|center|top|bottom|left|right|clip|origin)/.test(
        value,
      )
        ? undefined
        : 'bg-color';
    case 'font':
      return /^(thin|extralight|light|normal|medium|semibold|bold|extrabold|black|\d+)$/.test(value)
        ? 'font-weight'
        : 'font-family';
    case 'shadow':
      return sizeOrColor('shadow', 'shadow-color');
    case 'rounded': {
      const side = rest[0] ?? '';
      return SIDES.test(side) ? `rounded-${side}` : 'rounded';
    }
    case 'border':
    case 'divide': {
      if (/^(solid|dashed|dotted|double|hidden|none)$/.test(value)) return `${name}-style`;
      const side = SIDES.test(rest[0] ?? '') ? rest[0] : '';
      const sideValue = side ? rest.slice(1).join('-') : value;
      if (name === 'divide' && !side) return 'divide-color';
      if (sideValue === '' || LENGTH.test(sideValue)) return `${name}-w${side ? `-${side}` : ''}`;
      return `${name}-color${side ? `-${side}` : ''}`;
    }
    case 'ring':
      if (rest[0] === 'offset') {
        const offset = rest.slice(1).join('-');
        return LENGTH.test(offset) ? 'ring-offset-w' : 'ring-offset-color';
      }
      return sizeOrColor('ring-w', 'ring-color');
    case 'outline':
      if (rest[0] === 'offset') return 'outline-offset';
      if (/^(none|hidden|solid|dashed|dotted|double)$/.test(value)) return 'outline-style';
      return value === '' || LENGTH.test(value) ? 'outline-w' : 'outline-color';
  }
  return PLAIN.find((prefix) => utility === prefix || utility.startsWith(`${prefix}-`));
}

/** What a later class of a group also replaces: `p-4` an earlier `px-2`, `size-8` an earlier `w-4`. */
const PADDING = ['p', 'px', 'py', 'ps', 'pe', 'pt', 'pr', 'pb', 'pl'];
const MARGIN = PADDING.map((name) => name.replace('p', 'm'));
const OVERFLOW = ['overflow', 'overflow-x', 'overflow-y'];
const REPLACES: Record<string, string[]> = {
  p: PADDING.slice(1),
  px: ['ps', 'pe', 'pr', 'pl'],
  py: ['pt', 'pb'],
  m: MARGIN.slice(1),
  mx: ['ms', 'me', 'mr', 'ml'],
  my: ['mt', 'mb'],
  gap: ['gap-x', 'gap-y'],
  size: ['w', 'h'],
  flex: ['basis', 'grow', 'shrink'],
  inset: ['inset-x', 'inset-y', 'start', 'end', 'top', 'right', 'bottom', 'left'],
  'inset-x': ['start', 'end', 'right', 'left'],
  'inset-y': ['top', 'bottom'],
  overflow: OVERFLOW.slice(1),
  overscroll: ['overscroll-x', 'overscroll-y'],
  'place-content': ['content', 'justify'],
  'place-items': ['items', 'justify-items'],
  'place-self': ['self', 'justify-self'],
  'font-size': ['leading'],
  'line-clamp': ['display', 'overflow'],
  truncate: ['text-overflow', ...OVERFLOW, 'whitespace'],
  // sr-only sets the box's position, size, padding, margin, overflow and wrapping at once.
  sr: ['not-sr', 'position', 'size', 'w', 'h', ...PADDING, ...MARGIN, ...OVERFLOW, 'whitespace'],
  'not-sr': ['sr'],
  rounded: ['s', 'e', 't', 'r', 'b', 'l', 'ss', 'se', 'ee', 'es', 'tl', 'tr', 'br', 'bl'].map(
    (side) => `rounded-${side}`,
  ),
  'rounded-s': ['rounded-ss', 'rounded-es'],
  'rounded-e': ['rounded-se', 'rounded-ee'],
  'rounded-t': ['rounded-tl', 'rounded-tr'],
  'rounded-r': ['rounded-tr', 'rounded-br'],
  'rounded-b': ['rounded-br', 'rounded-bl'],
  'rounded-l': ['rounded-tl', 'rounded-bl'],
};
for (const kind of ['border-w', 'border-color']) {
  REPLACES[kind] = ['x', 'y', 's', 'e', 't', 'r', 'b', 'l'].map((side) => `${kind}-${side}`);
  REPLACES[`${kind}-x`] = [`${kind}-s`, `${kind}-e`, `${kind}-r`, `${kind}-l`];
  REPLACES[`${kind}-y`] = [`${kind}-t`, `${kind}-b`];
}

/** Splits `md:hover:!p-2` into its variants and the utility, at the colons outside brackets. */
function parts(name: string): { variants: string; utility: string } {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < name.length; at++) {
    const char = name[at];
    if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === ':' && depth === 0) {
      pieces.push(name.slice(start, at));
      start = at + 1;
    }
  }
  let utility = name.slice(start);
  const important = utility.endsWith('!') || utility.startsWith('!');
  utility = utility.replace(/^!|!$/g, '').replace(/^-/, '');
  // The order of plain variants does not matter (`hover:focus:` is `focus:hover:`); around an
  // arbitrary one (`[&_svg]:`) it does.
  const ordered: string[] = [];
  let run: string[] = [];
  for (const piece of pieces) {
    if (piece.startsWith('[')) {
      ordered.push(...run.sort(), piece);
      run = [];
    } else run.push(piece);
  }
  ordered.push(...run.sort());
  return { variants: `${ordered.join(':')}${important ? '!' : ''}`, utility };
}

/** Keeps the last class of each group, walking from the end, as tailwind-merge does. */
export function mergeClasses(classes: string): string {
  const taken = new Set<string>();
  const kept: string[] = [];
  const names = classes.split(/\s+/).filter(Boolean);
  for (let at = names.length - 1; at >= 0; at--) {
    const name = names[at];
    const { variants, utility } = parts(name);
    const group = groupOf(utility);
    if (!group) {
      kept.push(name);
      continue;
    }
    const key = `${variants}:${group}`;
    if (taken.has(key)) continue;
    taken.add(key);
    for (const replaced of REPLACES[group] ?? []) taken.add(`${variants}:${replaced}`);
    kept.push(name);
  }
  return kept.reverse().join(' ');
}
