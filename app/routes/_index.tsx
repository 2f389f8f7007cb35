import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listOrganizations } from '../../db/operations/organizations';

export const meta: MetaFunction = () => [
  { title: 'Infra24 — scheduling for arts organizations' },
  { name: 'description', content: 'Bookings, workshops and calendar invites for artist residencies.' },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const organizations = await listOrganizations(context.db);
  return json({ organizations: organizations.map(({ slug, name, timeZone }) => ({ slug, name, timeZone })) });
}

export default function Index() {
  const { organizations } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>Infra24</h1>
      <p className="muted">Rooms, equipment, workshops and studio visits, booked without double-booking.</p>
      {organizations.length === 0 ? (
        <p>
          No organizations yet. Create one with <code>npm run cli -- org create --slug my-org --name "My Org"</code>.
        </p>
      ) : (
        <ul className="cards">
          {organizations.map((org) => (
            <li key={org.slug} className="card">
              <h2>
                <Link to={`/${org.slug}`}>{org.name}</Link>
              </h2>
              <span className="muted">{org.timeZone}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
    </main>
  );
}
