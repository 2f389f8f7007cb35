import { NavLink, Outlet, useParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { RouteError } from '../components/route-error';
import { cn } from '../components/ui/cn';
import { focusRing } from '../components/ui/focus';

const tabClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'shrink-0 border-b-2 px-2.5 py-2.5 sm:px-3 text-sm font-medium no-underline',
    isActive ? 'border-accent text-ink' : 'border-transparent text-muted hover:text-ink',
    focusRing,
  );

/** The person's own pages under the organization's header; the row scrolls inside itself on a phone. */
function DashboardFrame({ children }: { children: ReactNode }) {
  const { org } = useParams();
  return (
    <>
      <nav aria-label="My pages" className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl overflow-x-auto px-2 sm:px-4">
          <NavLink to={`/${org}/dashboard/bookings`} data-slot="nav-link" className={tabClass}>
            My bookings
          </NavLink>
          <NavLink to={`/${org}/dashboard/workshops`} data-slot="nav-link" className={tabClass}>
            My workshops
          </NavLink>
          <NavLink to={`/${org}/dashboard/calendar`} data-slot="nav-link" className={tabClass}>
            Calendar feed
          </NavLink>
        </div>
      </nav>
      {children}
    </>
  );
}

/** The signed-in person's pages of an organization; each page guards itself. */
export default function DashboardLayout() {
  return (
    <DashboardFrame>
      <Outlet />
    </DashboardFrame>
  );
}

/** A failed page of this area keeps the area's navigation. */
export function ErrorBoundary() {
  const { org } = useParams();
  return (
    <DashboardFrame>
      <RouteError back={{ to: `/${org}`, label: 'Back to the organization' }} />
    </DashboardFrame>
  );
}
