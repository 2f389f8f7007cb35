import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { WEEKDAYS, type AvailabilityRules } from '../../core/availability';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { listResources } from '../../db/operations/bookings/resources';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.org.name} — Infra24` : 'Infra24' },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const resources = await listResources(context.db, org.id);
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    resources: resources
      .filter((r) => r.isBookable)
      .map(({ id, title, type, capacity, timeZone, availabilityRules }) => ({
        id,
        title,
        type,
        capacity,
        timeZone,
        hours: weeklySummary(availabilityRules),
      })),
  };
}

function weeklySummary(rules: AvailabilityRules): string {
  if (!rules.weekly) return 'open around the clock';
  const days = WEEKDAYS.flatMap((day) => {
    const hours = rules.weekly?.[day];
    return hours?.length
      ? [`${day[0].toUpperCase()}${day.slice(1)} ${hours.map((h) => `${h.start}–${h.end}`).join(', ')}`]
      : [];
  });
  return days.length ? days.join(' · ') : 'closed';
}

const TYPE_LABELS = { space: 'Spaces', equipment: 'Equipment', person: 'Studio visits', other: 'Other' } as const;
/** Where people book a kind of resource themselves. */
const BOOKING_PAGES: Partial<Record<keyof typeof TYPE_LABELS, { path: string; label: string }>> = {
  equipment: { path: 'equipment', label: 'Book equipment (members)' },
  person: { path: 'studio-visits', label: 'Request a studio visit' },
};

export default function OrganizationHome() {
  const { org, resources } = useLoaderData<typeof loader>();
  const types = (Object.keys(TYPE_LABELS) as (keyof typeof TYPE_LABELS)[]).filter((type) =>
    resources.some((r) => r.type === type),
  );
  return (
    <main className="page">
      <h1>{org.name}</h1>
      <p className="muted">Times in {org.timeZone}</p>
      {types.map((type) => (
        <section key={type}>
          <h2>{TYPE_LABELS[type]}</h2>
          {BOOKING_PAGES[type] ? (
            <p>
              <a href={`/${org.slug}/${BOOKING_PAGES[type]!.path}`}>{BOOKING_PAGES[type]!.label}</a>
            </p>
          ) : null}
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Capacity</th>
                <th>Opening hours</th>
              </tr>
            </thead>
            <tbody>
              {resources
                .filter((r) => r.type === type)
                .map((r) => (
                  <tr key={r.id}>
                    <td>{r.title}</td>
                    <td>{r.capacity}</td>
                    <td>{r.hours}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      <p>
        <a href="/">All organizations</a>
      </p>
    </main>
  );
}
