import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { attendanceByWorkshop, attendanceLabel } from '../../db/operations/workshops/workshop-attendance';
import { listWorkshopsForStaff } from '../../db/operations/workshops/workshop-catalog';
import { requireStaff } from '../guards.server';
import { orgTimeFormatter } from '../time-format.server';

export const meta: MetaFunction = () => [{ title: 'Workshops — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const [workshops, attendance] = await Promise.all([
    listWorkshopsForStaff(args.context.db, org.id),
    attendanceByWorkshop(args.context.db, org.id),
  ]);
  return {
    timeZone: org.timeZone,
    workshops: workshops.map((w) => {
      const active = w.sessions.filter((s) => s.bookingStatus === 'confirmed');
      const seats = active.reduce((sum, s) => sum + s.capacity, 0);
      const taken = active.reduce((sum, s) => sum + s.seatsTaken, 0);
      const next = active.find((s) => s.startsAt > new Date());
      return {
        id: w.id,
        title: w.title,
        tags: w.tags,
        status: w.publishedAt ? (w.isPublic ? 'published' : 'members only') : 'draft',
        sessions: active.length,
        fill: seats ? `${taken} / ${seats} (${Math.round((taken / seats) * 100)}%)` : '—',
        waitlist: active.reduce((sum, s) => sum + s.waitlistLength, 0),
        attendance: attendanceLabel(attendance.get(w.id)),
        next: next ? orgTimeFormatter(org).relative(next.startsAt, new Date()) : '—',
      };
    }),
  };
}

export default function Workshops() {
  const { workshops, timeZone } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <div className="row">
        <h1>Workshops</h1>
        <Link to="new" className="button">
          New workshop
        </Link>
      </div>
      <p className="muted">
        Times in {timeZone}. Fill counts seats taken (registered, attended, open offers) over seats in active sessions.
        Attendance counts the people marked on the rosters.
      </p>
      {workshops.length === 0 ? (
        <p className="muted">No workshops yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Workshop</th>
              <th>Status</th>
              <th>Sessions</th>
              <th>Fill</th>
              <th>Waitlist</th>
              <th>Attendance</th>
              <th>Next session</th>
            </tr>
          </thead>
          <tbody>
            {workshops.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={w.id}>{w.title}</Link>
                  {w.tags.length ? <div className="muted">{w.tags.join(', ')}</div> : null}
                </td>
                <td>
                  <span className="badge">{w.status}</span>
                </td>
                <td>{w.sessions}</td>
                <td>{w.fill}</td>
                <td>{w.waitlist}</td>
                <td>{w.attendance}</td>
                <td>{w.next}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
