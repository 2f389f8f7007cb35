import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { listUserOrganizations } from '../../db/operations/accounts/memberships';
import { listOrganizations } from '../../db/operations/accounts/organizations';
import { getUser } from '../auth-session.server';

export const meta: MetaFunction = () => [
  { title: 'Infra24 — scheduling for arts organizations' },
  { name: 'description', content: 'Bookings, workshops and calendar invites for artist residencies.' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [organizations, user] = await Promise.all([listOrganizations(context.db), getUser(request, context)]);
  const memberships = user ? await listUserOrganizations(context.db, user.id) : [];
  return {
    organizations: organizations.map(({ slug, name, timeZone }) => ({ slug, name, timeZone })),
    user: user ? { name: user.name } : null,
    memberships: memberships.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role })),
  };
}

export default function Index() {
  const { organizations, user, memberships } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Infra24</h1>
        {user ? (
          <Form method="post" action="/logout" className="row">
            <span className="muted">Signed in as {user.name}</span>
            <button type="submit" className="secondary">
              Sign out
            </button>
          </Form>
        ) : (
          <span>
            <Link to="/login">Sign in</Link> · <Link to="/signup">Create an account</Link>
          </span>
        )}
      </div>
      {user ? (
        <section>
          <h2>Your organizations</h2>
          {memberships.length === 0 ? (
            <p className="muted">You are not a member of any organization yet: ask an admin to invite you.</p>
          ) : (
            <ul>
              {memberships.map((m) => (
                <li key={m.slug}>
                  <Link to={m.role === 'resident' ? `/${m.slug}` : `/${m.slug}/admin/calendar`}>{m.name}</Link>{' '}
                  <span className="muted">({m.role})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
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
