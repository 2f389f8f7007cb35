import { describe, expect, it } from 'vitest';
import { firstFreeSlug } from './slugs';

describe('firstFreeSlug', () => {
  it('is the title alone when free, with the smallest free number when taken', () => {
    expect(firstFreeSlug('risograph-basics', new Set())).toBe('risograph-basics');
    expect(firstFreeSlug('risograph-basics', new Set(['risograph-basics']))).toBe('risograph-basics-2');
    expect(firstFreeSlug('risograph-basics', new Set(['risograph-basics', 'risograph-basics-2']))).toBe(
      'risograph-basics-3',
    );
  });

  it('stays within the length, never ends a cut word with a hyphen, and has a word when the title has none', () => {
    const long = `${'a'.repeat(57)}-bc`;
    expect(firstFreeSlug(long, new Set([long]))).toBe(`${'a'.repeat(57)}-2`);
    expect(firstFreeSlug('', new Set())).toBe('workshop');
  });
});
