import { describe, expect, it } from 'vitest';
import { presenceWords } from './presence-words';

describe('presenceWords', () => {
  it('tells selecting from moving, so a screen reader hears who is dragging the bar', () => {
    const ana = { name: 'Ana', colour: '#f00' };
    const bo = { name: 'Bo', colour: '#0f0', moving: true };
    const cy = { name: 'Cy', colour: '#00f', moving: false };
    expect(presenceWords([ana])).toBe('Selected by Ana');
    expect(presenceWords([bo])).toBe('Being moved by Bo');
    expect(presenceWords([ana, bo, cy])).toBe('Selected by Ana, Cy. Being moved by Bo');
  });
});
