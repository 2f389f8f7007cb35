import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { listUserOrganizations } from '../../db/operations/accounts/memberships';
import { listOrganizations } from '../../db/operations/accounts/organizations';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
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

const ROLE_NAMES: Record<string, string> = { admin: 'Admin', staff: 'Staff', resident: 'Resident' };

export default function Index() {
  const { organizations, user, memberships } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10 sm:px-6 sm:py-16">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Infra24</h1>
          <p className="text-muted">Rooms, equipment, workshops and studio visits, booked without double-booking.</p>
        </div>
        {user ? (
          <Form method="post" action="/logout" className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-muted">Signed in as {user.name}</span>
            <Button type="submit" variant="secondary" size="sm">
              Sign out
            </Button>
          </Form>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <Button asChild variant="secondary" size="sm">
              <Link to="/signup">Create an account</Link>
            </Button>
            <Button asChild size="sm">
              <Link to="/login">Sign in</Link>
            </Button>
          </div>
        )}
      </header>
      {user ? (
        <section aria-labelledby="yours-heading" className="flex flex-col gap-3">
          <h2 id="yours-heading" className="text-lg font-semibold">
            Your organizations
          </h2>
          {memberships.length === 0 ? (
            <p className="text-muted">You are not a member of any organization yet: ask an admin to invite you.</p>
          ) : (
            <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
              {memberships.map((m) => (
                <li key={m.slug} className="flex items-center justify-between gap-3 px-4 py-3">
                  <Link
                    to={m.role === 'resident' ? `/${m.slug}` : `/${m.slug}/admin/calendar`}
                    className="font-medium text-accent-text"
                  >
                    {m.name}
                  </Link>
                  <Badge>{ROLE_NAMES[m.role] ?? m.role}</Badge>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="orgs-heading" className="flex flex-col gap-3">
        <h2 id="orgs-heading" className="text-lg font-semibold">
          Organizations
        </h2>
        {organizations.length === 0 ? (
          <p>
            No organizations yet. Create one with{' '}
            <code className="font-mono break-all">npm run cli -- org create --slug my-org --name "My Org"</code>.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {organizations.map((org) => (
              <li key={org.slug}>
                <Card className="h-full">
                  <CardHeader>
                    <CardTitle>
                      <Link to={`/${org.slug}`}>{org.name}</Link>
                    </CardTitle>
                    <CardDescription>{org.timeZone.replaceAll('_', ' ')}</CardDescription>
                  </CardHeader>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="text-sm text-muted">
        API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
    </main>
  );
}
