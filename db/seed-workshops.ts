import type { DateTime } from 'luxon';
import type { Actor } from '../core/actor';
import type { Database } from './client';
import { addWorkshopSession, createWorkshop } from './operations/workshops/workshops';
import type { Resource } from './operations/bookings/resources';

interface DemoWorkshop {
  title: string;
  slug: string;
  description: string;
  tags: string[];
  capacity: number;
  /** Index into the organization's demo resources. */
  resource: number;
  /** [day offset from next Monday, start hour, hours] */
  sessions: [number, number, number][];
}

/** Public workshops per demo organization, on days and rooms the demo bookings leave free. */
const DEMO_WORKSHOPS: Record<string, DemoWorkshop[]> = {
  oolite: [
    {
      title: 'Cyanotype Saturdays',
      slug: 'cyanotype-saturdays',
      tags: ['printmaking', 'all ages'],
      capacity: 12,
      resource: 0,
      description:
        'Make sun prints on cotton paper with plants and found objects.\n\n<b>All materials included.</b> Wear clothes that may get stained.',
      sessions: [
        [5, 10, 2],
        [12, 10, 2],
      ],
    },
  ],
  bakehouse: [
    {
      title: 'Hand-building with Clay',
      slug: 'hand-building-clay',
      tags: ['ceramics', 'adults'],
      capacity: 8,
      resource: 1,
      description:
        'Pinch, coil and slab: three ways to build a vessel without a wheel. Pieces are fired and ready two weeks later.',
      sessions: [[6, 14, 2]],
    },
  ],
  locust: [
    {
      title: 'Zine Lab',
      slug: 'zine-lab',
      tags: ['publishing', 'teens'],
      capacity: 15,
      resource: 1,
      description: 'Write, collage and photocopy your own zine; leave with ten copies.',
      sessions: [[5, 11, 2]],
    },
  ],
};

export async function seedDemoWorkshops(
  db: Database,
  input: { slug: string; orgId: string; actor: Actor; resources: Resource[]; nextMonday: DateTime },
): Promise<void> {
  for (const demo of DEMO_WORKSHOPS[input.slug] ?? []) {
    const workshop = await createWorkshop(db, {
      orgId: input.orgId,
      actor: input.actor,
      workshop: {
        title: demo.title,
        slug: demo.slug,
        description: demo.description,
        capacity: demo.capacity,
        tags: demo.tags,
        isPublic: true,
        registrationMode: 'per_session',
        published: true,
      },
    });
    for (const [day, hour, hours] of demo.sessions) {
      const start = input.nextMonday.plus({ days: day }).set({ hour });
      await addWorkshopSession(db, {
        orgId: input.orgId,
        actor: input.actor,
        workshopId: workshop.id,
        session: {
          resourceId: input.resources[demo.resource].id,
          startsAt: start.toJSDate(),
          endsAt: start.plus({ hours }).toJSDate(),
        },
      });
    }
  }
}
