import type { DraftWorkshop } from './model';

/** What a published workshop takes from its draft card. */
export interface WorkshopFields {
  title: string;
  capacity: number;
  tags: string[];
  isPublic: boolean;
  descriptionHtml: string;
}

export type WorkshopField = keyof WorkshopFields;

export interface WorkshopDiffEntry {
  key: string;
  title: string;
  /** For a changed workshop: which of its fields differ from what is published. */
  fields: WorkshopField[];
}

export function workshopFields(card: DraftWorkshop): WorkshopFields {
  return {
    title: card.title,
    capacity: card.capacity,
    tags: card.tags ?? [],
    isPublic: card.isPublic,
    descriptionHtml: card.descriptionHtml ?? '',
  };
}

function changedWorkshopFields(published: WorkshopFields, draft: WorkshopFields): WorkshopField[] {
  const changed: WorkshopField[] = [];
  if (published.title !== draft.title) changed.push('title');
  if (published.capacity !== draft.capacity) changed.push('capacity');
  if (published.tags.join('\u0000') !== draft.tags.join('\u0000')) changed.push('tags');
  if (published.isPublic !== draft.isPublic) changed.push('isPublic');
  if (published.descriptionHtml !== draft.descriptionHtml) changed.push('descriptionHtml');
  return changed;
}

export interface WorkshopChanges {
  added: WorkshopDiffEntry[];
  changed: WorkshopDiffEntry[];
}

/** The draft's workshop cards against the published workshops (by card key): new ones, and changed ones with what changed. */
export function diffWorkshops(cards: DraftWorkshop[], published: Map<string, WorkshopFields>): WorkshopChanges {
  const added: WorkshopDiffEntry[] = [];
  const changed: WorkshopDiffEntry[] = [];
  for (const card of cards) {
    const before = published.get(card.key);
    if (!before) {
      added.push({ key: card.key, title: card.title, fields: [] });
      continue;
    }
    const fields = changedWorkshopFields(before, workshopFields(card));
    if (fields.length) changed.push({ key: card.key, title: card.title, fields });
  }
  return { added, changed };
}
