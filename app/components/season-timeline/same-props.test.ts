import { describe, expect, it } from 'vitest';
import { samePropsOf } from './same-props';

interface Props {
  id: string;
  selected: boolean;
  onPick: () => void;
}

describe('a memo comparison over a fixed list of props', () => {
  const same = samePropsOf<Props>()(['id', 'selected', 'onPick']);
  const onPick = () => {};

  it('holds when every prop is the same value, and fails when any one differs', () => {
    expect(same({ id: 'a', selected: false, onPick }, { id: 'a', selected: false, onPick })).toBe(true);
    expect(same({ id: 'a', selected: false, onPick }, { id: 'b', selected: false, onPick })).toBe(false);
    expect(same({ id: 'a', selected: false, onPick }, { id: 'a', selected: true, onPick })).toBe(false);
    expect(same({ id: 'a', selected: false, onPick }, { id: 'a', selected: false, onPick: () => {} })).toBe(false);
  });
});
