import type { Actor } from '../../core/actor';
import type { AvailabilityRules } from '../../core/availability';
import type { Database } from '../../db/client';
import { createApiKey } from '../../db/operations/accounts/api-keys';
import { createOrganization, type Organization } from '../../db/operations/accounts/organizations';
import { createResource, type Resource, type ResourceType } from '../../db/operations/bookings/resources';

export const ADMIN_ACTOR: Actor = { type: 'system', id: null, role: 'admin' };
export const STAFF_ACTOR: Actor = { type: 'system', id: null, role: 'staff' };
export const RESIDENT_ACTOR: Actor = { type: 'system', id: null, role: 'resident' };

export interface OrgFixture {
  org: Organization;
  adminKey: string;
  staffKey: string;
}

export async function createOrgWithKeys(
  db: Database,
  slug: string,
  timeZone = 'America/New_York',
): Promise<OrgFixture> {
  const org = await createOrganization(db, { slug, name: `${slug} arts`, timeZone });
  const { key: adminKey } = await createApiKey(db, { orgId: org.id, role: 'admin', name: 'test admin' });
  const { key: staffKey } = await createApiKey(db, { orgId: org.id, role: 'staff', name: 'test staff' });
  return { org, adminKey, staffKey };
}

export async function createTestResource(
  db: Database,
  orgId: string,
  overrides: Partial<{
    title: string;
    type: ResourceType;
    requiresApproval: boolean;
    isBookable: boolean;
    availabilityRules: AvailabilityRules;
    timeZone: string;
  }> = {},
): Promise<Resource> {
  return createResource(db, {
    orgId,
    actor: ADMIN_ACTOR,
    input: {
      title: overrides.title ?? 'Studio A',
      type: overrides.type ?? 'space',
      capacity: 1,
      timeZone: overrides.timeZone,
      isBookable: overrides.isBookable ?? true,
      requiresApproval: overrides.requiresApproval ?? false,
      availabilityRules: overrides.availabilityRules ?? {},
      metadata: {},
    },
  });
}
