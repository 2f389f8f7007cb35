import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, NavLink, Outlet, useLoaderData, useParams, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { listUserOrganizations } from '../../db/operations/accounts/memberships';
import { organizationTimeFormat } from '../../core/time-format';
import { RouteError } from '../components/route-error';
import { TimeFormatProvider } from '../components/time-format';
import { requireStaff } from '../guards.server';

export async function loader(args: LoaderFunctionArgs) {
  const { org, role, user } = await requireStaff(args);
  const organizations = await listUserOrganizations(args.context.db, user.id);
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    timeFormat: organizationTimeFormat(org),
    role,
    user: { name: user.name, email: user.email },
    organizations: organizations.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role })),
  };
}

type AdminFrameData = Awaited<ReturnType<typeof loader>>;

function AdminFrame({ data, children }: { data: AdminFrameData; children: ReactNode }) {
  const { org, role, user, organizations } = data;
  return (
    <>
      <header className="topbar">
        <strong>{org.name}</strong>
        <nav aria-label="Staff">
          <NavLink to="calendar">Calendar</NavLink>
          <NavLink to="seasons">Seasons</NavLink>
          <NavLink to="bookings">Bookings</NavLink>
          <NavLink to="workshops">Workshops</NavLink>
          <NavLink to="resources">Resources</NavLink>
          <NavLink to="outbox">Outbox</NavLink>
          {role === 'admin' ? <NavLink to="mailbox">Mailbox</NavLink> : null}
          {role === 'admin' ? <NavLink to="integrations">Integrations</NavLink> : null}
          {role === 'admin' ? <NavLink to="settings">Settings</NavLink> : null}
        </nav>
        <div className="row">
          {organizations.length > 1 ? (
            <form method="get" action="/switch" className="inline">
              <label className="muted" htmlFor="org-switch">
                Organization{' '}
              </label>
              <select
                id="org-switch"
                name="to"
                defaultValue={org.slug}
                onChange={(e) => e.currentTarget.form?.requestSubmit()}
              >
                {organizations.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.name} ({o.role})
                  </option>
                ))}
              </select>
              <noscript>
                <button type="submit">Go</button>
              </noscript>
            </form>
          ) : null}
          <span className="muted">{user.name}</span>
          <Form method="post" action="/logout" className="inline">
            <button type="submit" className="secondary">
              Sign out
            </button>
          </Form>
        </div>
      </header>
      <TimeFormatProvider settings={data.timeFormat}>{children}</TimeFormatProvider>
    </>
  );
}

export default function AdminLayout() {
  return (
    <AdminFrame data={useLoaderData<typeof loader>()}>
      <Outlet />
    </AdminFrame>
  );
}

/**
 * A failed staff page keeps the staff header when this layout's own loader succeeded (someone
 * signed in as staff); when it is the layout that refused (not signed in, not staff), the page stands alone.
 */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>('routes/$org.admin');
  const { org } = useParams();
  if (!data) return <RouteError back={{ to: `/${org}`, label: 'Back to the organization' }} />;
  return (
    <AdminFrame data={data}>
      <RouteError back={{ to: `/${org}/admin/calendar`, label: 'Back to the calendar' }} />
    </AdminFrame>
  );
}
