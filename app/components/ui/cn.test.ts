import fs from 'node:fs';
import path from 'node:path';
import { __unstable__loadDesignSystem, compile } from '@tailwindcss/node';
import { Scanner } from '@tailwindcss/oxide';
import { twMerge } from 'tailwind-merge';
import { beforeAll, describe, expect, it } from 'vitest';
import { cn, mergeClasses } from './cn';

const APP = path.resolve(import.meta.dirname, '../..');

/** Every utility class the app's stylesheet is built with: Tailwind's own scan of app/, kept to real utilities. */
async function appUtilities(): Promise<string[]> {
  const css = fs.readFileSync(path.join(APP, 'styles.css'), 'utf8');
  const compiler = await compile(css, { base: APP, onDependency: () => {} });
  const candidates = new Scanner({ sources: compiler.sources }).scan();
  const design = await __unstable__loadDesignSystem(css, { base: APP });
  const rules = design.candidatesToCss(candidates);
  return candidates.filter((_, index) => rules[index]);
}

/** The utility without its variants (`md:hover:p-2` → `p-2`). */
const bare = (name: string) => name.split(/:(?![^[]*\])/).pop()!;

describe('cn', () => {
  let utilities: string[];
  beforeAll(async () => {
    utilities = await appUtilities();
  });

  it('lets a later class replace an earlier one of the same property, and keeps the rest', () => {
    expect(cn('p-2', 'p-4')).toBe('p-4');
    expect(cn('px-2 py-1', 'p-4')).toBe('p-4');
    expect(cn('p-4', 'px-2')).toBe('p-4 px-2');
    expect(cn('h-8 px-3', 'h-10 gap-2 px-2')).toBe('h-10 gap-2 px-2');
    expect(cn('text-sm text-ink', 'text-muted')).toBe('text-sm text-muted');
    expect(cn('bg-accent hover:bg-accent/90', 'bg-danger')).toBe('hover:bg-accent/90 bg-danger');
    expect(cn('border border-line', 'border-danger')).toBe('border border-danger');
    expect(cn('rounded-t-xl', 'rounded-md')).toBe('rounded-md');
    expect(cn('md:hover:underline', 'hover:md:no-underline')).toBe('hover:md:no-underline');
    expect(cn('shadow-lg!', 'shadow-sm')).toBe('shadow-lg! shadow-sm');
    expect(cn('card', 'card', { hidden: false, flex: true }, ['gap-2'])).toBe('card card flex gap-2');
  });

  it("answers as tailwind-merge does for every pair of the app's utilities, with and without variants", () => {
    expect(utilities.length).toBeGreaterThan(300);
    const names = [...new Set([...utilities, ...utilities.map(bare)])];
    const differ: string[] = [];
    for (const first of names)
      for (const second of names) {
        const classes = `${first} ${second}`;
        if (mergeClasses(classes) !== twMerge(classes)) differ.push(classes);
      }
    expect(differ).toEqual([]);
  });

  it('answers as tailwind-merge does for mixes of up to five, with variants in either order and !important', () => {
    const bases = [...new Set(utilities.map(bare))];
    const names = [
      ...bases,
      ...bases.flatMap((name) => [`hover:${name}`, `md:hover:${name}`, `hover:md:${name}`, `${name}!`]),
      'card',
      'page',
      'group',
    ];
    let seed = 42;
    const pick = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return names[seed % names.length];
    };
    const differ: string[] = [];
    for (let round = 0; round < 50_000; round++) {
      const classes = Array.from({ length: 2 + (round % 4) }, pick).join(' ');
      if (mergeClasses(classes) !== twMerge(classes)) differ.push(classes);
    }
    expect(differ).toEqual([]);
  });
});
