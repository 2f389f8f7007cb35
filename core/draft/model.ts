import * as Y from 'yjs';
import { z } from 'zod';
import { implausibleInstantMessage, isPlausibleInstant, spanTooLong } from '../span-limits';
import { line, text } from '../validation';
import { fragmentToHtml } from './description';

/**
 * The season draft as plain data (docs/design.md §5). The Yjs document has three top-level maps of
 * Y.Maps — `workshops` (by key), `sessions` and `blocks` (by id) — plus `publish`, the last report,
 * and one Y.XmlFragment `description:<key>` per workshop, edited with Tiptap.
 */
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-09T14:00:00Z' })
  .refine((value) => isPlausibleInstant(new Date(value)), implausibleInstantMessage);

export const draftWorkshopSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
  title: line().trim().min(1).max(200),
  capacity: z.number().int().min(0).max(10_000),
  tags: z.array(line().trim().min(1).max(40)).max(20).default([]),
  isPublic: z.boolean().default(true),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0b6e6e')
    .optional()
    .describe("The card's colour on the board (its sessions are drawn in it); not published"),
  description: text().max(20_000).optional().describe('Plain text; paragraphs separated by blank lines'),
});

const scheduled = {
  id: line().trim().min(1).max(80).optional(),
  resourceId: z.uuid('must be a resource id (uuid)'),
  startsAt: instant,
  endsAt: instant,
  note: text().max(500).optional(),
};
const endsAfterStarts = (item: { startsAt: string; endsAt: string }) => new Date(item.endsAt) > new Date(item.startsAt);
const endsAfterStartsIssue = { message: 'must be after startsAt', path: ['endsAt'] };
function checkSessionLength(item: { startsAt: string; endsAt: string }, ctx: z.core.$RefinementCtx) {
  const tooLong = spanTooLong(new Date(item.startsAt), new Date(item.endsAt), 'sessionDays');
  if (tooLong) ctx.addIssue({ code: 'custom', message: tooLong, path: ['endsAt'], input: item.endsAt });
}

export const draftSessionSchema = z
  .object({ ...scheduled, workshopKey: line().min(1), capacity: z.number().int().min(0).max(10_000).optional() })
  .refine(endsAfterStarts, endsAfterStartsIssue)
  .superRefine(checkSessionLength);
export const draftBlockSchema = z
  .object({ ...scheduled, title: line().trim().min(1).max(200) })
  .refine(endsAfterStarts, endsAfterStartsIssue)
  .superRefine(checkSessionLength);

export const draftItemsSchema = z
  .object({
    workshops: z.array(draftWorkshopSchema).max(2_000).optional(),
    sessions: z.array(draftSessionSchema).max(5_000).optional(),
    blocks: z.array(draftBlockSchema).max(5_000).optional(),
  })
  .strict();

export type DraftItemsInput = z.infer<typeof draftItemsSchema>;

export interface DraftWorkshop {
  key: string;
  title: string;
  capacity: number;
  tags: string[];
  isPublic: boolean;
  /** The card's colour on the board; the board's own, never published. */
  color?: string;
  /** Read from the workshop's Tiptap fragment, escaped (see description.ts). */
  descriptionHtml?: string;
}

export interface DraftScheduled {
  id: string;
  resourceId: string;
  startsAt: string;
  endsAt: string;
  note?: string;
}
export interface DraftSession extends DraftScheduled {
  workshopKey: string;
  capacity?: number;
}
export interface DraftBlock extends DraftScheduled {
  title: string;
}

export interface DraftSnapshot {
  workshops: Record<string, DraftWorkshop>;
  sessions: Record<string, DraftSession>;
  blocks: Record<string, DraftBlock>;
}

export function draftMaps(doc: Y.Doc) {
  return {
    workshops: doc.getMap<Y.Map<unknown>>('workshops'),
    sessions: doc.getMap<Y.Map<unknown>>('sessions'),
    blocks: doc.getMap<Y.Map<unknown>>('blocks'),
    publish: doc.getMap<unknown>('publish'),
  };
}

export function descriptionFragment(doc: Y.Doc, key: string): Y.XmlFragment {
  return doc.getXmlFragment(`description:${key}`);
}

/** True when a transaction changed descriptions only (the only top-level XML fragments of the draft). */
export function touchesOnlyDescriptions(transaction: Y.Transaction): boolean {
  return [...transaction.changed.keys()].every((type) => {
    let top: Y.AbstractType<Y.YEvent<any>> = type;
    while (top._item?.parent) top = top._item.parent as Y.AbstractType<Y.YEvent<any>>;
    return top instanceof Y.XmlFragment;
  });
}

function plain<T>(map: Y.Map<Y.Map<unknown>>): Record<string, T> {
  const out: Record<string, T> = {};
  map.forEach((item, id) => {
    // Anything can be written through the socket: a value that is not an item is kept as it is, for
    // the item checks to report.
    out[id] = (item instanceof Y.Map ? item.toJSON() : item) as T;
  });
  return out;
}

/**
 * The draft as plain data. `descriptions: false` leaves out each card's description HTML: the board
 * reads the draft on every edit and shows descriptions in their editor, so it need not render them.
 */
export function readDraft(doc: Y.Doc, options: { descriptions?: boolean } = {}): DraftSnapshot {
  const maps = draftMaps(doc);
  const workshops = plain<DraftWorkshop>(maps.workshops);
  if (options.descriptions !== false) {
    for (const [key, workshop] of Object.entries(workshops))
      if (workshop && typeof workshop === 'object')
        workshop.descriptionHtml = fragmentToHtml(descriptionFragment(doc, key));
  }
  return { workshops, sessions: plain(maps.sessions), blocks: plain(maps.blocks) };
}

/** A Y.Map of the given fields, leaving out the undefined ones (Yjs cannot store undefined). */
export function toYMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) map.set(name, value);
  return map;
}

/** Plain text to Tiptap's document structure: one paragraph per blank-line-separated block. */
export function writePlainDescription(fragment: Y.XmlFragment, text: string): void {
  fragment.delete(0, fragment.length);
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  fragment.insert(
    0,
    paragraphs.map((paragraph) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(paragraph)]);
      return element;
    }),
  );
}

/**
 * Adds (or replaces, by id or key) items in one transaction, so co-editors see them appear at once.
 * Returns the ids given to sessions and blocks that came without one.
 */
export function addDraftItems(
  doc: Y.Doc,
  items: DraftItemsInput,
  newId: () => string,
): { sessions: string[]; blocks: string[] } {
  const maps = draftMaps(doc);
  const ids = { sessions: [] as string[], blocks: [] as string[] };
  doc.transact(() => {
    for (const { description, ...workshop } of items.workshops ?? []) {
      maps.workshops.set(workshop.key, toYMap(workshop));
      if (description !== undefined) writePlainDescription(descriptionFragment(doc, workshop.key), description);
    }
    for (const session of items.sessions ?? []) {
      const id = session.id ?? newId();
      maps.sessions.set(id, toYMap({ ...session, id }));
      ids.sessions.push(id);
    }
    for (const block of items.blocks ?? []) {
      const id = block.id ?? newId();
      maps.blocks.set(id, toYMap({ ...block, id }));
      ids.blocks.push(id);
    }
  }, 'api');
  return ids;
}
