import { NavLink, Outlet, useParams } from '@remix-run/react';

/** The signed-in person's pages of an organization; each page guards itself. */
export default function DashboardLayout() {
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
      <Outlet />
    </>
  );
}
