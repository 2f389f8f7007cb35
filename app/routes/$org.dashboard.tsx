import { NavLink, Outlet, useParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { RouteError } from '../components/route-error';

function DashboardFrame({ children }: { children: ReactNode }) {
  const { org } = useParams();
  return (
    <>
      <header className="topbar">
        <nav aria-label="My pages">
          <NavLink to={`/${org}/dashboard/bookings`}>My bookings</NavLink>
          <NavLink to={`/${org}/dashboard/workshops`}>My workshops</NavLink>
          <NavLink to={`/${org}/dashboard/calendar`}>My calendar feed</NavLink>
          <NavLink to={`/${org}/equipment`}>Book equipment</NavLink>
          <NavLink to={`/${org}/studio-visits`}>Studio visits</NavLink>
          <NavLink to={`/${org}/workshops`}>Workshops</NavLink>
        </nav>
      </header>
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
