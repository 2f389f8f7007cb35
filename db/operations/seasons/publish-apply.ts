import { and, eq, like, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import type { PlannedItem } from '../../../core/draft/conflicts';
import type { DraftDiff } from '../../../core/draft/diff';
import { workshopFields, type WorkshopChanges, type WorkshopFields } from '../../../core/draft/workshop-diff';
import type { DraftSnapshot } from '../../../core/draft/model';
import { AppError } from '../../../core/errors';
import { slugFromTitle } from '../../../core/schemas/workshop';
import { firstFreeSlug } from '../../../core/slugs';
import type { Transaction } from '../../client';
import { bookings, workshopSessions, workshops } from '../../schema/index';
import { applyTransition } from '../bookings/booking-transitions';
import { notifyRegistrants } from '../workshops/session-notices';

interface ApplyContext {
  orgId: string;
  seasonId: string;
  actor: Actor;
  draft: DraftSnapshot;
  planned: PlannedItem[];
  diff: DraftDiff;
  /** The season's published workshops by card key (read once by publish), and how the cards differ from them. */
  publishedWorkshops: Map<string, WorkshopFields & { id: string }>;
  workshopChanges: WorkshopChanges;
  now: Date;
  cancelExpiredHoldsInWay: () => Promise<void>;
}

/**
 * Inserts a new workshop at an address made from its title alone, with `-2`, `-3`, … only when the
 * address is taken (docs/design.md §6). A concurrent publish that takes the same address first makes
 * the insert do nothing, and the next free one is tried.
 */
async function insertWithFreeSlug(
  tx: Transaction,
  values: Omit<typeof workshops.$inferInsert, 'slug'> & { title: string },
): Promise<string> {
  const base = slugFromTitle(values.title) || 'workshop';
  const rows = await tx
    .select({ slug: workshops.slug })
    .from(workshops)
    .where(and(eq(workshops.orgId, values.orgId), or(eq(workshops.slug, base), like(workshops.slug, `${base}-%`))));
  const taken = new Set(rows.map((row) => row.slug));
  for (let attempt = 0; attempt < 10; attempt++) {
    const slug = firstFreeSlug(base, taken);
    const [created] = await tx
      .insert(workshops)
      .values({ ...values, slug })
      .onConflictDoNothing({ target: [workshops.orgId, workshops.slug] })
      .returning({ id: workshops.id });
    if (created) return created.id;
    taken.add(slug);
  }
  throw new AppError('conflict', `No free address for the workshop "${values.title}" after 10 tries`);
}

/** Creates or updates the season's workshops from the draft cards, as the workshop diff says; true when anything changed. */
async function upsertWorkshops(
  tx: Transaction,
  ctx: ApplyContext,
): Promise<{ ids: Map<string, string>; changed: boolean }> {
  const ids = new Map([...ctx.publishedWorkshops].map(([key, workshop]) => [key, workshop.id]));
  const changedKeys = new Set(ctx.workshopChanges.changed.map((w) => w.key));
  // By key, so which of two cards of one title gets the plain address does not depend on the order a replica holds them in.
  const cards = Object.values(ctx.draft.workshops).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const card of cards) {
    const fields = workshopFields(card);
    const id = ids.get(card.key);
    if (!id) {
      const created = await insertWithFreeSlug(tx, {
        orgId: ctx.orgId,
        seasonId: ctx.seasonId,
        draftKey: card.key,
        publishedAt: ctx.now,
        ...fields,
      });
      ids.set(card.key, created);
    } else if (changedKeys.has(card.key)) {
      await tx
        .update(workshops)
        .set({ ...fields, updatedAt: ctx.now })
        .where(eq(workshops.id, id));
    }
  }
  return { ids, changed: ctx.workshopChanges.added.length + ctx.workshopChanges.changed.length > 0 };
}

/** One array-valued parameter (drizzle would otherwise spread an array into a list). */
const column = (values: unknown[]) => sql.param(values);

async function insertAdded(tx: Transaction, ctx: ApplyContext, added: PlannedItem[], workshopIds: Map<string, string>) {
  const createdBy = ctx.actor.type === 'user' ? ctx.actor.id : null;
  const inserted = await tx.execute(sql`
    insert into ${bookings} (org_id, resource_id, title, status, starts_at, ends_at, season_id, draft_item_id, source, created_by, is_public)
    select ${ctx.orgId}::uuid, r.resource_id, r.title, 'confirmed', r.starts_at, r.ends_at, ${ctx.seasonId}::uuid, r.draft_item_id, 'publish', ${createdBy}::uuid, r.is_public
    from unnest(
      ${column(added.map((i) => i.resourceId))}::uuid[], ${column(added.map((i) => i.title))}::text[],
      ${column(added.map((i) => i.startsAt.toISOString()))}::timestamptz[], ${column(added.map((i) => i.endsAt.toISOString()))}::timestamptz[],
      ${column(added.map((i) => i.id))}::text[], ${column(added.map((i) => i.kind === 'session' && Boolean(ctx.draft.workshops[i.workshopKey!]?.isPublic)))}::boolean[]
    ) as r(resource_id, title, starts_at, ends_at, draft_item_id, is_public)
    returning id, draft_item_id`);
  const bookingByDraftId = new Map(inserted.rows.map((row) => [row.draft_item_id as string, row.id as string]));
  const sessions = added.filter((item) => item.kind === 'session');
  if (!sessions.length) return;
  await tx.execute(sql`
    insert into ${workshopSessions} (org_id, workshop_id, booking_id, draft_id, capacity)
    select ${ctx.orgId}::uuid, s.workshop_id, s.booking_id, s.draft_id, s.capacity
    from unnest(
      ${column(sessions.map((i) => workshopIds.get(i.workshopKey!)!))}::uuid[], ${column(sessions.map((i) => bookingByDraftId.get(i.id)!))}::uuid[],
      ${column(sessions.map((i) => i.id))}::text[], ${column(sessions.map((i) => i.capacityOverride ?? null))}::int[]
    ) as s(workshop_id, booking_id, draft_id, capacity)`);
}

/**
 * Writes a diff that has passed every check. Removals go first so a freed slot can be reused in
 * the same publish, then moves, then additions (which can take a slot a move freed).
 */
export async function applyDiff(tx: Transaction, ctx: ApplyContext): Promise<boolean> {
  // Two moved sessions may swap places: check overlaps at commit then. Deferred checks cost a second
  // look at every row, so only a publish that moves several items pays for it.
  if (ctx.diff.moved.length > 1) await tx.execute('set constraints bookings_no_overlap deferred');
  await ctx.cancelExpiredHoldsInWay();
  const { ids: workshopIds, changed: workshopsChanged } = await upsertWorkshops(tx, ctx);
  const plannedById = new Map(ctx.planned.map((p) => [p.id, p]));

  // A removed item is cancelled like any booking cancelled elsewhere (calendar, API, workshop page):
  // audited, announced to the CRM, and for a session everyone registered, waiting or offered is
  // cancelled and told, each with a cancellation carrying the raised SEQUENCE.
  for (const entry of ctx.diff.removed) {
    await applyTransition(tx, 'cancel', {
      orgId: ctx.orgId,
      actor: ctx.actor,
      id: entry.bookingId!,
      reason: 'removed from the season',
      now: ctx.now,
    });
  }
  for (const entry of [...ctx.diff.moved, ...ctx.diff.changed]) {
    const item = plannedById.get(entry.id)!;
    await tx
      .update(bookings)
      .set({ resourceId: item.resourceId, startsAt: item.startsAt, endsAt: item.endsAt, title: item.title })
      .where(eq(bookings.id, entry.bookingId!));
    if (item.kind === 'session') {
      await tx
        .update(workshopSessions)
        .set({ capacity: item.capacityOverride ?? null, workshopId: workshopIds.get(item.workshopKey!)! })
        .where(eq(workshopSessions.bookingId, entry.bookingId!));
      if (ctx.diff.moved.includes(entry) && entry.registrations > 0) {
        await notifyRegistrants(tx, {
          orgId: ctx.orgId,
          bookingId: entry.bookingId!,
          topic: 'session.rescheduled',
          previous: entry.before ?? null,
          now: ctx.now,
        });
      }
    }
  }
  const added = ctx.diff.added.map((entry) => plannedById.get(entry.id)!);
  if (added.length) await insertAdded(tx, ctx, added, workshopIds);
  return workshopsChanged;
}
