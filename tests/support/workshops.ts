import type { Database } from '../../db/client';
import { addWorkshopSession, createWorkshop } from '../../db/operations/workshops';
import { STAFF_ACTOR } from './fixtures';

/** A published public workshop with one session of `capacity` seats at a fixed instant. */
export async function createWorkshopWithSession(
  db: Database,
  input: { orgId: string; resourceId: string; slug: string; capacity: number; startsAt: string; endsAt: string; isPublic?: boolean; published?: boolean; description?: string; tags?: string[] },
) {
  const workshop = await createWorkshop(db, {
    orgId: input.orgId,
    actor: STAFF_ACTOR,
    workshop: {
      title: `Workshop ${input.slug}`,
      slug: input.slug,
      description: input.description ?? 'Bring an apron.',
      capacity: input.capacity,
      tags: input.tags ?? ['printmaking'],
      isPublic: input.isPublic ?? true,
      registrationMode: 'per_session',
      published: input.published ?? true,
    },
  });
  const { session, booking } = await addWorkshopSession(db, {
    orgId: input.orgId,
    actor: STAFF_ACTOR,
    workshopId: workshop.id,
    session: { resourceId: input.resourceId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) },
  });
  return { workshop, session, booking };
}
