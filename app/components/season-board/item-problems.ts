import type { Problem } from '../../../core/draft/conflicts';

/**
 * The problems of one item, each turned so that `item` is that item: an overlap between A and B is
 * A's problem "overlaps B" and B's problem "overlaps A".
 */
export function problemsOfItem(problems: Problem[], id: string): Problem[] {
  return problems.flatMap((p) => {
    if (p.item.id === id) return [p];
    if (p.with?.id === id && p.with.kind !== 'booking' && p.with.kind !== 'workshop')
      return [{ ...p, item: p.with, with: p.item }];
    return [];
  });
}
