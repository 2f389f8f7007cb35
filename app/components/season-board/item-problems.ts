import type { Problem } from '../../../core/draft/conflicts';

/**
 * The problems of each item, each turned so that `item` is that item: an overlap between A and B is
 * A's problem "overlaps B" and B's problem "overlaps A". Built once per change of the problems, so
 * a bar asking for its trouble (every frame of a scroll or a drag) is a lookup, not a walk.
 */
export function problemsByItem(problems: Problem[]): Map<string, Problem[]> {
  const byItem = new Map<string, Problem[]>();
  const add = (id: string, problem: Problem) => {
    const list = byItem.get(id);
    if (list) list.push(problem);
    else byItem.set(id, [problem]);
  };
  for (const p of problems) {
    add(p.item.id, p);
    if (p.with?.id && p.with.kind !== 'booking' && p.with.kind !== 'workshop')
      add(p.with.id, { ...p, item: p.with, with: p.item });
  }
  return byItem;
}
