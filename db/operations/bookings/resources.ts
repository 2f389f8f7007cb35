import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { ResourceCreateInput, ResourcePatch } from '../../../core/schemas/resource';
import type { Database, Executor } from '../../client';
import { createLookupCache } from '../../lookup-cache';
import { organizations, resources } from '../../schema/index';
import { recordAudit } from '../audit';

export type Resource = typeof resources.$inferSelect;
export type ResourceType = Resource['type'];

export async function listResources(
  db: Executor,
  orgId: string,
  filter: { type?: ResourceType; includeArchived?: boolean } = {},
): Promise<Resource[]> {
  const conditions = [eq(resources.orgId, orgId)];
  if (filter.type) conditions.push(eq(resources.type, filter.type));
  if (!filter.includeArchived) conditions.push(isNull(resources.archivedAt));
  return db
    .select()
    .from(resources)
    .where(and(...conditions))
    .orderBy(asc(resources.type), asc(resources.title));
}

export async function findResource(db: Executor, orgId: string, id: string): Promise<Resource | undefined> {
  const [row] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, orgId), eq(resources.id, id)))
    .limit(1);
  return row;
}

/**
 * Resources as a booking reads them, for LOOKUP_CACHE_MS (ADR 032): a change through this process
 * is seen at once, one made elsewhere (another web process) within that time. The database's
 * constraints (no overlap, same organization) do not depend on it.
 */
const bookableResources = createLookupCache<Resource | undefined>();

/** `requireResource` through the cache: for the booking write, which reads a resource every time. */
export async function requireCachedResource(db: Executor, orgId: string, id: string, field = 'id'): Promise<Resource> {
  const key = `${orgId}:${id}`;
  const resource = await bookableResources.get(key, () => findResource(db, orgId, id));
  return requireFound(resource, id, field);
}

export async function requireResource(db: Executor, orgId: string, id: string, field = 'id'): Promise<Resource> {
  return requireFound(await findResource(db, orgId, id), id, field);
}

function requireFound(resource: Resource | undefined, id: string, field: string): Resource {
  if (!resource) {
    throw new AppError('not_found', `${field}: no resource ${id} in this organization`, {
      fields: { [field]: ['no such resource in this organization'] },
    });
  }
  return resource;
}

export async function createResource(
  db: Database,
  params: { orgId: string; actor: Actor; input: ResourceCreateInput },
): Promise<Resource> {
  const { orgId, actor, input } = params;
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    if (!org) throw new AppError('not_found', 'No such organization');
    const [resource] = await tx
      .insert(resources)
      .values({ ...input, orgId, timeZone: input.timeZone ?? org.timeZone })
      .returning();
    await recordAudit(tx, {
      orgId,
      actor,
      action: 'resource.created',
      entityType: 'resource',
      entityId: resource.id,
      after: resource,
    });
    return resource;
  });
}

export async function updateResource(
  db: Database,
  params: { orgId: string; actor: Actor; id: string; patch: ResourcePatch },
): Promise<Resource> {
  const { orgId, actor, id, patch } = params;
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(resources)
      .where(and(eq(resources.orgId, orgId), eq(resources.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found', `No resource ${id} in this organization`);
    const { archived, ...fields } = patch;
    const archivedAt = archived === undefined ? before.archivedAt : archived ? (before.archivedAt ?? new Date()) : null;
    const [after] = await tx
      .update(resources)
      .set({ ...fields, archivedAt, updatedAt: new Date() })
      .where(eq(resources.id, id))
      .returning();
    await recordAudit(tx, {
      orgId,
      actor,
      action: 'resource.updated',
      entityType: 'resource',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  bookableResources.delete(`${orgId}:${id}`);
  return updated;
}
