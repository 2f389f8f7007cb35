import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { cancelOwnBooking, listUserBookings } from '../../db/operations/bookings/my-bookings';
import { findMembershipByOrgId } from '../../db/operations/accounts/memberships';
import { requestRefused } from '../booking-requests.server';
import { requireUserAt } from '../guards.server';
import { orgTimeFormatter } from '../time-format.server';

export const meta: MetaFunction = () => [{ title: 'My bookings — Infra24' }];

const STATUS_LABELS = {
  approval: 'pending approval',
  hold: 'held',
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  declined: 'declined',
} as const;

export async function loader(args: LoaderFunctionArgs) {
  const { user, org } = await requireUserAt(args);
  const now = new Date();
  const time = orgTimeFormatter(org);
  const requested = new URL(args.request.url).searchParams.get('requested');
  const rows = (await listUserBookings(args.context.db, org.id, user.id)).map(
    ({ booking, resourceTitle, resourceType }) => ({
      id: booking.id,
      title: booking.title,
      resource: resourceTitle,
      kind: resourceType === 'person' ? 'Studio visit' : resourceType === 'equipment' ? 'Equipment' : 'Booking',
      status: booking.status,
      statusLabel: STATUS_LABELS[booking.pendingReason ?? (booking.status as 'confirmed' | 'cancelled' | 'declined')],
      reason: booking.status === 'cancelled' || booking.status === 'declined' ? booking.cancelReason : null,
      when: time.relativeRange(booking.startsAt, booking.endsAt, now),
      upcoming: booking.endsAt > now,
      canCancel: (booking.status === 'pending' || booking.status === 'confirmed') && booking.startsAt > now,
      icsUrl:
        booking.status === 'pending' || booking.status === 'confirmed'
          ? `/${org.slug}/dashboard/bookings/${booking.id}/ics`
          : null,
      justRequested: booking.id === requested,
    }),
  );
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    upcoming: rows.filter((r) => r.upcoming).reverse(),
    past: rows.filter((r) => !r.upcoming),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, org } = await requireUserAt(args);
  const parsed = z
    .object({ bookingId: z.uuid('choose a booking to cancel') })
    .safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success)
    return data(
      {
        ok: false as const,
        error: 'Choose a booking to cancel',
        fields: { bookingId: ['choose a booking to cancel'] },
      },
      { status: 422 },
    );
  const membership = await findMembershipByOrgId(args.context.db, user.id, org.id);
  try {
    await cancelOwnBooking(args.context.db, {
      orgId: org.id,
      actor: { type: 'user', id: user.id, role: membership?.role ?? 'resident' },
      bookingId: parsed.data.bookingId,
    });
    return { ok: true as const, error: null, fields: {} };
  } catch (error) {
    return requestRefused(error, orgTimeFormatter(org));
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number];

function Bookings({ rows, busy }: { rows: Row[]; busy: boolean }) {
  return (
    <ul className="roster-list">
      {rows.map((b) => (
        <li key={b.id} className="roster-person" aria-current={b.justRequested ? 'true' : undefined}>
          <div>
            <strong>{b.resource}</strong> <span className={`badge ${b.status}`}>{b.statusLabel}</span>
            <div className="muted">
              {b.kind} · {b.when} · {b.title}
            </div>
            {b.reason ? <div className="muted">Reason: {b.reason}</div> : null}
          </div>
          <div className="roster-actions">
            {b.icsUrl && b.upcoming ? (
              <a href={b.icsUrl} download>
                Add to calendar
              </a>
            ) : null}
            {b.canCancel ? (
              <Form method="post">
                <input type="hidden" name="bookingId" value={b.id} />
                <button
                  type="submit"
                  className="secondary"
                  disabled={busy}
                  aria-label={`Cancel ${b.resource}, ${b.when}`}
                >
                  Cancel
                </button>
              </Form>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default function MyBookings() {
  const { org, upcoming, past } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const justRequested = upcoming.find((b) => b.justRequested);
  return (
    <main className="page">
      <h1>My bookings at {org.name}</h1>
      <p className="muted">
        Times in {org.timeZone}. <Link to={`/${org.slug}/equipment`}>Book equipment</Link> ·{' '}
        <Link to={`/${org.slug}/studio-visits`}>Request a studio visit</Link>
      </p>
      {justRequested ? (
        <p role="status">
          {justRequested.status === 'pending'
            ? 'Request sent: the team will approve or decline it, and you will get an email.'
            : 'Booked: the confirmation is on its way by email.'}
        </p>
      ) : null}
      {result?.error ? (
        <p className="error" role="alert">
          {result.error}
        </p>
      ) : null}
      <h2>Upcoming</h2>
      {upcoming.length ? <Bookings rows={upcoming} busy={busy} /> : <p className="muted">Nothing coming up.</p>}
      <h2>Past</h2>
      {past.length ? <Bookings rows={past} busy={busy} /> : <p className="muted">Nothing yet.</p>}
    </main>
  );
}
