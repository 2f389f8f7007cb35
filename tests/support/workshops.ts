import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { addWorkshopSession, createWorkshop } from '../../db/operations/workshops/workshops';
import { resources } from '../../db/schema/index';
import { STAFF_ACTOR } from './fixtures';

/** A published public workshop with one session of `capacity` seats at a fixed instant. */
export async function createWorkshopWithSession(
  db: Database,
  input: {
    orgId: string;
    resourceId: string;
    slug: string;
    capacity: number;
    startsAt: string;
    endsAt: string;
    isPublic?: boolean;
    published?: boolean;
    description?: string;
    tags?: string[];
  },
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

/**
 * A published series workshop of the demo organization `oolite`, made in a running app's database:
 * one evening session (23:00Z, under an hour) in Classroom 1 on each of `days`, far from the demo bookings.
 */
export async function createDemoSeries(
  db: Database,
  input: { title: string; slug: string; capacity: number; isPublic: boolean; days: string[] },
) {
  const org = (await findOrganizationBySlug(db, 'oolite'))!;
  const [room] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, org.id), eq(resources.title, 'Classroom 1')));
  const workshop = await createWorkshop(db, {
    orgId: org.id,
    actor: STAFF_ACTOR,
    workshop: {
      title: input.title,
      slug: input.slug,
      description: 'Evenings together.',
      capacity: input.capacity,
      tags: [],
      isPublic: input.isPublic,
      registrationMode: 'series',
      published: true,
    },
  });
  for (const day of input.days) {
    await addWorkshopSession(db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      workshopId: workshop.id,
      session: { resourceId: room.id, startsAt: new Date(`${day}T23:00:00Z`), endsAt: new Date(`${day}T23:59:00Z`) },
    });
  }
  return workshop;
}
