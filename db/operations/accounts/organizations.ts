import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import type { OrganizationCreateInput } from '../../../core/schemas/organization';
import type { Executor } from '../../client';
import { UNIQUE_VIOLATION, pgErrorInfo } from '../../pg-errors';
import { organizations } from '../../schema/index';
import { forgetCachedKeys } from './api-keys';

export type Organization = typeof organizations.$inferSelect;

export async function createOrganization(db: Executor, input: OrganizationCreateInput): Promise<Organization> {
  try {
    const [org] = await db.insert(organizations).values(input).returning();
    return org;
  } catch (error) {
    if (pgErrorInfo(error)?.code === UNIQUE_VIOLATION) {
      throw new AppError('conflict', `slug: an organization with slug "${input.slug}" already exists`, {
        fields: { slug: ['is already taken'] },
      });
    }
    throw error;
  }
}

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return org;
}

export async function requireOrganizationBySlug(db: Executor, slug: string): Promise<Organization> {
  const org = await findOrganizationBySlug(db, slug);
  if (!org) throw new AppError('not_found', `No organization with slug "${slug}"`);
  return org;
}

export async function listOrganizations(db: Executor): Promise<Organization[]> {
  return db.select().from(organizations).orderBy(asc(organizations.name));
}

export async function findOrganizationById(db: Executor, id: string): Promise<Organization | undefined> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return org;
}

export async function updateOrganization(
  db: Executor,
  id: string,
  changes: { name: string; timeZone: string },
): Promise<Organization> {
  const [org] = await db
    .update(organizations)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(organizations.id, id))
    .returning();
  forgetCachedKeys(id);
  return org;
}
