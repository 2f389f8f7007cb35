import type { PlannedItem } from './conflicts';

/** What a draft item became at the last publish. */
export interface PublishedItem {
  draftId: string;
  kind: 'session' | 'block';
  bookingId: string;
  title: string;
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  /** The session's own seat override (null: the workshop's capacity). */
  capacity?: number | null;
  workshopKey?: string | null;
  /** People registered for the session now: who a move or removal touches. */
  registrations: number;
}

interface Placement {
  resourceId: string;
  startsAt: string;
  endsAt: string;
}

export interface DiffEntry {
  id: string;
  kind: 'session' | 'block';
  title: string;
  bookingId?: string;
  before?: Placement;
  after?: Placement;
  registrations: number;
}

export interface DraftDiff {
  added: DiffEntry[];
  moved: DiffEntry[];
  changed: DiffEntry[];
  removed: DiffEntry[];
  unchanged: number;
}

const placement = (item: { resourceId: string; startsAt: Date; endsAt: Date }): Placement => ({
  resourceId: item.resourceId,
  startsAt: item.startsAt.toISOString(),
  endsAt: item.endsAt.toISOString(),
});

export function isMoved(planned: PlannedItem, published: PublishedItem): boolean {
  return (
    planned.resourceId !== published.resourceId ||
    planned.startsAt.getTime() !== published.startsAt.getTime() ||
    planned.endsAt.getTime() !== published.endsAt.getTime()
  );
}

export function isChanged(planned: PlannedItem, published: PublishedItem): boolean {
  return (
    planned.title !== published.title ||
    (planned.kind === 'session' &&
      ((planned.capacityOverride ?? null) !== (published.capacity ?? null) ||
        planned.workshopKey !== published.workshopKey))
  );
}

/** The draft against what is published, item by item: added, moved, changed (not moved), removed. */
export function diffDraft(planned: PlannedItem[], published: PublishedItem[]): DraftDiff {
  const publishedById = new Map(published.map((p) => [p.draftId, p]));
  const diff: DraftDiff = { added: [], moved: [], changed: [], removed: [], unchanged: 0 };
  for (const item of planned) {
    const before = publishedById.get(item.id);
    publishedById.delete(item.id);
    const entry = { id: item.id, kind: item.kind, title: item.title, after: placement(item) };
    if (!before) diff.added.push({ ...entry, registrations: 0 });
    else if (isMoved(item, before))
      diff.moved.push({
        ...entry,
        bookingId: before.bookingId,
        before: placement(before),
        registrations: before.registrations,
      });
    else if (isChanged(item, before))
      diff.changed.push({
        ...entry,
        bookingId: before.bookingId,
        before: placement(before),
        registrations: before.registrations,
      });
    else diff.unchanged++;
  }
  for (const gone of publishedById.values()) {
    diff.removed.push({
      id: gone.draftId,
      kind: gone.kind,
      title: gone.title,
      bookingId: gone.bookingId,
      before: placement(gone),
      registrations: gone.registrations,
    });
  }
  return diff;
}

export function isEmptyDiff(diff: DraftDiff): boolean {
  return !diff.added.length && !diff.moved.length && !diff.changed.length && !diff.removed.length;
}
