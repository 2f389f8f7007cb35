import { asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import {
  ORGANIZATION_SETTING_KEYS,
  type OrganizationCreateInput,
  type OrganizationSettingsInput,
} from '../../../core/schemas/organization';
import { orgTimeFormatter, type TimeFormatter } from '../../../core/time-format';
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

/**
 * How the organization writes time in messages about a place: its locale and clock, in `timeZone`
 * (a resource's own zone) or else its own zone (ADR 034).
 */
export async function organizationTimeFormatter(
  db: Executor,
  orgId: string,
  timeZone?: string,
): Promise<TimeFormatter> {
  const [org] = await db
    .select({ timeZone: organizations.timeZone, settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .limit(1);
  return orgTimeFormatter(org ?? { timeZone: 'UTC' }, timeZone);
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
  changes: { name: string; timeZone: string } & OrganizationSettingsInput,
): Promise<Organization> {
  const { name, timeZone, ...settings } = changes;
  // The settings the page manages are replaced as a whole: an absent one is removed (its default applies
  // again); keys the page does not manage (brandColor, holdMinutes) are kept.
  const chosen = Object.fromEntries(
    ORGANIZATION_SETTING_KEYS.flatMap((key) => (settings[key] === undefined ? [] : [[key, settings[key]]])),
  );
  const managed = sql.join(
    ORGANIZATION_SETTING_KEYS.map((key) => sql` - ${key}::text`),
    sql``,
  );
  const [org] = await db
    .update(organizations)
    .set({
      name,
      timeZone,
      settings: sql`(${organizations.settings}${managed}) || ${JSON.stringify(chosen)}::jsonb`,
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, id))
    .returning();
  forgetCachedKeys(id);
  return org;
}
