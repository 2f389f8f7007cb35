import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CalendarPlus } from 'lucide-react';
import { useEffect } from 'react';
import { z } from 'zod';
import { cancelOwnBooking, listUserBookings } from '../../db/operations/bookings/my-bookings';
import { findMembershipByOrgId } from '../../db/operations/accounts/memberships';
import { requestRefused } from '../booking-requests.server';
import { ConfirmSubmit } from '../components/confirm-submit';
import { EmptyList, MyList, MyListItem } from '../components/my-list';
import { Notice } from '../components/notice';
import { Badge, type BadgeProps } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { toast } from '../components/ui/toast';
import { requireUserAt } from '../guards.server';
import { orgTimeFormatter } from '../../core/time-format';

export const meta: MetaFunction = () => [{ title: 'My bookings — Infra24' }];

const STATUS_LABELS = {
  approval: 'pending approval',
  hold: 'held',
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  declined: 'declined',
} as const;

const STATUS_TONES: Record<string, BadgeProps['tone']> = {
  pending: 'warning',
  confirmed: 'success',
  cancelled: 'danger',
  declined: 'danger',
};

const cancelSchema = z.object({ bookingId: z.uuid('Choose a booking to cancel.') });

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
  const submission = parseWithZod(await args.request.formData(), { schema: cancelSchema });
  if (submission.status !== 'success')
    return data(
      { ok: false as const, error: 'Choose a booking to cancel.', fields: submission.error ?? {}, message: null },
      { status: 422 },
    );
  const membership = await findMembershipByOrgId(args.context.db, user.id, org.id);
  try {
    const booking = await cancelOwnBooking(args.context.db, {
      orgId: org.id,
      actor: { type: 'user', id: user.id, role: membership?.role ?? 'resident' },
      bookingId: submission.value.bookingId,
    });
    const when = orgTimeFormatter(org).relativeRange(booking.startsAt, booking.endsAt, new Date());
    return { ok: true as const, error: null, fields: {}, message: `Cancelled: ${booking.title}, ${when}.` };
  } catch (error) {
    return requestRefused(error, orgTimeFormatter(org));
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number];

function Bookings({ label, rows }: { label: string; rows: Row[] }) {
  return (
    <MyList label={label}>
      {rows.map((b) => (
        <MyListItem
          key={b.id}
          current={b.justRequested}
          heading={
            <>
              <span className="font-semibold">{b.resource}</span>
              <Badge tone={STATUS_TONES[b.status] ?? 'neutral'}>{b.statusLabel}</Badge>
            </>
          }
          details={
            <>
              <span>
                {b.kind} · {b.when}
              </span>
              <span className="break-words">{b.title}</span>
              {b.reason ? <span>Reason: {b.reason}</span> : null}
            </>
          }
          actions={
            b.icsUrl && b.upcoming ? (
              <>
                <Button asChild variant="ghost" size="sm">
                  <a href={b.icsUrl} download>
                    <CalendarPlus aria-hidden /> Add to calendar
                  </a>
                </Button>
                {b.canCancel ? (
                  <Form method="post">
                    <input type="hidden" name="bookingId" value={b.id} />
                    <ConfirmSubmit
                      variant="secondary"
                      size="sm"
                      tone="danger"
                      aria-label={`Cancel ${b.resource}, ${b.when}`}
                      title="Cancel this booking?"
                      description={`${b.resource}, ${b.when}. The time becomes free for others; this cannot be undone.`}
                      confirm="Cancel booking"
                      cancel="Keep it"
                    >
                      Cancel
                    </ConfirmSubmit>
                  </Form>
                ) : null}
              </>
            ) : null
          }
        />
      ))}
    </MyList>
  );
}

export default function MyBookings() {
  const { org, upcoming, past } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const justRequested = upcoming.find((b) => b.justRequested);
  useEffect(() => {
    if (result?.ok) toast.success(result.message);
  }, [result]);
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My bookings</h1>
          <p className="text-sm text-muted">
            At {org.name}. Times in {org.timeZone}.
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button asChild variant="secondary" size="sm">
            <Link to={`/${org.slug}/equipment`}>Book equipment</Link>
          </Button>
          <Button asChild variant="secondary" size="sm">
            <Link to={`/${org.slug}/studio-visits`}>Request a studio visit</Link>
          </Button>
        </div>
      </div>
      {justRequested ? (
        <Notice>
          {justRequested.status === 'pending'
            ? 'Request sent: the team will approve or decline it, and you will get an email.'
            : 'Booked: the confirmation is on its way by email.'}
        </Notice>
      ) : null}
      {result && !result.ok ? (
        <Notice tone="danger" role="alert">
          {result.error}
        </Notice>
      ) : null}
      <section aria-labelledby="upcoming-heading" className="flex flex-col gap-3">
        <h2 id="upcoming-heading" className="text-lg font-semibold">
          Upcoming
        </h2>
        {upcoming.length ? (
          <Bookings label="Upcoming bookings" rows={upcoming} />
        ) : (
          <EmptyList>Nothing coming up.</EmptyList>
        )}
      </section>
      <section aria-labelledby="past-heading" className="flex flex-col gap-3">
        <h2 id="past-heading" className="text-lg font-semibold">
          Past
        </h2>
        {past.length ? <Bookings label="Past bookings" rows={past} /> : <EmptyList>Nothing yet.</EmptyList>}
      </section>
    </main>
  );
}
