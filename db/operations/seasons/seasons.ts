import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { mergeDraftStates } from '../../../core/draft/merge-state';
import { AppError } from '../../../core/errors';
import type { SeasonCreateInput } from '../../../core/schemas/season';
import type { Database, Executor } from '../../client';
import { seasons } from '../../schema/index';
import { recordAudit } from '../audit';

export type Season = typeof seasons.$inferSelect;

export function seasonView(season: Season) {
  return {
    id: season.id,
    name: season.name,
    startsOn: season.startsOn,
    endsOn: season.endsOn,
    publishedRevision: season.publishedRevision,
    publishedAt: season.publishedAt?.toISOString() ?? null,
    lastPublishReport: season.lastPublishReport ?? null,
    createdAt: season.createdAt.toISOString(),
  };
}

export async function createSeason(
  db: Database,
  input: { orgId: string; actor: Actor; season: SeasonCreateInput },
): Promise<Season> {
  return db.transaction(async (tx) => {
    const [season] = await tx
      .insert(seasons)
      .values({ orgId: input.orgId, ...input.season })
      .returning();
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'season.created',
      entityType: 'season',
      entityId: season.id,
      after: seasonView(season),
    });
    return season;
  });
}

export async function listSeasons(db: Executor, orgId: string): Promise<Season[]> {
  return db.select().from(seasons).where(eq(seasons.orgId, orgId)).orderBy(desc(seasons.startsOn));
}

export async function findSeason(db: Executor, orgId: string, id: string): Promise<Season | undefined> {
  const [season] = await db
    .select()
    .from(seasons)
    .where(and(eq(seasons.orgId, orgId), eq(seasons.id, id)))
    .limit(1);
  return season;
}

export async function requireSeason(db: Executor, orgId: string, id: string): Promise<Season> {
  const season = await findSeason(db, orgId, id);
  if (!season) throw new AppError('not_found', `No season ${id} in this organization`);
  return season;
}

/** The stored Yjs state (an update), or null for a season nobody has edited yet. */
export async function loadDraftState(db: Executor, seasonId: string): Promise<Uint8Array | null> {
  const [row] = await db.select({ state: seasons.draftState }).from(seasons).where(eq(seasons.id, seasonId));
  if (!row) throw new AppError('not_found', `No season ${seasonId}`);
  return row.state ?? null;
}

/** Stores the only collab process's copy of the draft, which holds everything stored and more. */
export async function storeDraftState(db: Executor, seasonId: string, state: Uint8Array): Promise<void> {
  await db
    .update(seasons)
    .set({ draftState: Buffer.from(state), updatedAt: new Date() })
    .where(eq(seasons.id, seasonId));
}

/**
 * Stores a collab process's copy of the draft merged into what is stored (the row is locked
 * meanwhile), so a store from a copy that lags behind another process's never drops its edits.
 */
export async function mergeDraftState(db: Database, seasonId: string, state: Uint8Array): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: seasons.draftState })
      .from(seasons)
      .where(eq(seasons.id, seasonId))
      .for('update');
    if (!row) return;
    const merged = mergeDraftStates(row.state, state);
    await tx
      .update(seasons)
      .set({ draftState: Buffer.from(merged), updatedAt: new Date() })
      .where(eq(seasons.id, seasonId));
  });
}
