import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, NavLink, Outlet, useLoaderData, useParams, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { listUserOrganizations } from '../../db/operations/accounts/memberships';
import { organizationTimeFormat } from '../../core/time-format';
import { TimeFormatProvider } from '../components/time-format';
import { useHydrated } from '../components/forms/use-hydrated';
import { RouteError } from '../components/route-error';
import { AccountMenu } from '../components/site-header-menus';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { cn } from '../components/ui/cn';
import { focusRing } from '../components/ui/focus';
import { NativeSelect } from '../components/ui/native-select';
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

const staffLinkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'shrink-0 rounded-md px-2.5 py-1.5 text-sm font-medium no-underline',
    isActive ? 'bg-subtle text-ink' : 'text-muted hover:bg-subtle hover:text-ink',
    focusRing,
  );

/** The staff header: the organization, its switcher, who is signed in; the sections scroll inside their row on a phone. */
function AdminFrame({ data, children }: { data: AdminFrameData; children: ReactNode }) {
  const { org, role, user, organizations } = data;
  const hydrated = useHydrated();
  return (
    <>
      <header className="border-b border-line bg-surface">
        <a
          href="#main"
          data-slot="skip-link"
          className="sr-only rounded-md bg-surface px-3 py-2 text-ink shadow-md focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 sm:px-6">
          <Link
            to={`/${org.slug}`}
            data-slot="brand"
            className={cn('flex min-w-0 items-center gap-2 rounded-md font-semibold text-ink no-underline', focusRing)}
          >
            <span aria-hidden className="size-3 shrink-0 rounded-full bg-accent" />
            <span className="truncate">{org.name}</span>
          </Link>
          <Badge>Staff</Badge>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            {organizations.length > 1 ? (
              <form method="get" action="/switch" className="flex items-center gap-2">
                <label className="sr-only" htmlFor="org-switch">
                  Organization
                </label>
                <NativeSelect
                  id="org-switch"
                  name="to"
                  defaultValue={org.slug}
                  className="h-8 w-44 py-1 text-sm"
                  onChange={(e) => e.currentTarget.form?.requestSubmit()}
                >
                  {organizations.map((o) => (
                    <option key={o.slug} value={o.slug}>
                      {o.name} ({o.role})
                    </option>
                  ))}
                </NativeSelect>
                {hydrated ? null : (
                  <Button type="submit" size="sm" variant="secondary">
                    Go
                  </Button>
                )}
              </form>
            ) : null}
            <AccountMenu org={org} user={user} role={role} />
          </div>
        </div>
        <nav aria-label="Staff" className="flex gap-1 overflow-x-auto px-3 pb-2 sm:px-5">
          <NavLink to="calendar" data-slot="nav-link" className={staffLinkClass}>
            Calendar
          </NavLink>
          <NavLink to="seasons" data-slot="nav-link" className={staffLinkClass}>
            Seasons
          </NavLink>
          <NavLink to="bookings" data-slot="nav-link" className={staffLinkClass}>
            Bookings
          </NavLink>
          <NavLink to="workshops" data-slot="nav-link" className={staffLinkClass}>
            Workshops
          </NavLink>
          <NavLink to="resources" data-slot="nav-link" className={staffLinkClass}>
            Resources
          </NavLink>
          <NavLink to="outbox" data-slot="nav-link" className={staffLinkClass}>
            Outbox
          </NavLink>
          {role === 'admin' ? (
            <NavLink to="mailbox" data-slot="nav-link" className={staffLinkClass}>
              Mailbox
            </NavLink>
          ) : null}
          {role === 'admin' ? (
            <NavLink to="integrations" data-slot="nav-link" className={staffLinkClass}>
              Integrations
            </NavLink>
          ) : null}
          {role === 'admin' ? (
            <NavLink to="settings" data-slot="nav-link" className={staffLinkClass}>
              Settings
            </NavLink>
          ) : null}
        </nav>
      </header>
      <div id="main" tabIndex={-1} className="outline-none">
        <TimeFormatProvider settings={data.timeFormat}>{children}</TimeFormatProvider>
      </div>
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
