import type { Problem, ResourceFacts } from '../../../core/draft/conflicts';
import { shortTimeRange } from '../../../core/format-time';

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

/** A problem in words, from the item's side: *overlaps "Intro to Screen Printing" in Classroom 1, Tue 8 Dec 2026, 6:00 PM – 8:00 PM*. */
export function troubleWords(problem: Problem, resources: Map<string, ResourceFacts>, timeZone: string): string {
  const other = problem.with;
  if ((problem.code === 'overlap' || problem.code === 'booked_elsewhere') && other) {
    const room = other.resourceId ? resources.get(other.resourceId) : undefined;
    const what = problem.code === 'booked_elsewhere' ? `the booking "${other.title}"` : `"${other.title}"`;
    const when =
      other.startsAt && other.endsAt
        ? `, ${shortTimeRange(other.startsAt, other.endsAt, room?.timeZone ?? timeZone)}`
        : '';
    return `overlaps ${what}${room ? ` in ${room.title}` : ''}${when}`;
  }
  return problem.message;
}
