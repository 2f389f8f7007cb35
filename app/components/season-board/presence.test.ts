import { describe, expect, it } from 'vitest';
import { assignColours, distinctInitials, PRESENCE_COLOURS } from './presence';

describe('presence colours and initials', () => {
  it('gives everyone present a colour nobody else has, the same on every screen', () => {
    const ids = Array.from({ length: PRESENCE_COLOURS.length }, (_, i) => `user-${i}`);
    const colours = assignColours(ids);
    expect(new Set(colours.values()).size).toBe(ids.length);
    expect(assignColours([...ids].reverse())).toEqual(colours);
  });

  it('keeps one colour per person across two tabs', () => {
    expect(assignColours(['a', 'a', 'b']).size).toBe(2);
  });

  it('tells apart names that share a first word or initials', () => {
    const initials = distinctInitials(['Oolite admin', 'Oolite staff', 'Ana Lima', 'Ana Lopes', 'Jo']);
    expect(initials.get('Oolite admin')).toBe('OA');
    expect(initials.get('Oolite staff')).toBe('OS');
    expect(initials.get('Ana Lima')).not.toBe(initials.get('Ana Lopes'));
    expect(initials.get('Jo')).toBe('J');
  });
});
