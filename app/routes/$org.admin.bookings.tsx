import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { text } from '../../core/validation';
import { bookingStatusSchema } from '../../core/schemas/booking';
import { listApprovalQueue, searchBookings } from '../../db/operations/bookings/booking-records';
import { transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { requireStaff } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import type { TimeFormatter } from '../../core/time-format';
import { orgTimeFormatter } from '../time-format.server';

export const meta: MetaFunction = () => [{ title: 'Bookings — Infra24' }];

function row(
  entry: {
    booking: {
      id: string;
      title: string;
      status: string;
      pendingReason: string | null;
      startsAt: Date;
      endsAt: Date;
      createdAt: Date;
    };
    resourceTitle: string;
  },
  time: TimeFormatter,
  now: Date,
) {
  return {
    id: entry.booking.id,
    title: entry.booking.title,
    resource: entry.resourceTitle,
    status:
      entry.booking.status === 'pending' && entry.booking.pendingReason === 'hold' ? 'hold' : entry.booking.status,
    when: time.range(entry.booking.startsAt, entry.booking.endsAt),
    requested: time.relative(entry.booking.createdAt, now),
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const params = new URL(args.request.url).searchParams;
  const status = bookingStatusSchema.safeParse(params.get('status'));
  const now = new Date();
  const [queue, results] = await Promise.all([
    listApprovalQueue(args.context.db, org.id),
    searchBookings(args.context.db, org.id, {
      text: params.get('q')?.trim() || undefined,
      status: status.success ? status.data : undefined,
    }),
  ]);
  return {
    queue: queue.map((e) => row(e, orgTimeFormatter(org), now)),
    results: results.map((e) => row(e, orgTimeFormatter(org), now)),
    timeZone: org.timeZone,
  };
}

const decisionSchema = z.object({
  id: z.uuid(),
  intent: z.enum(['approve', 'decline', 'cancel']),
  reason: text().max(500).optional(),
});

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const parsed = decisionSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: 'Choose a booking and what to do with it' }, { status: 422 });
  try {
    await transitionBooking(args.context.db, parsed.data.intent, {
      orgId: org.id,
      actor,
      id: parsed.data.id,
      reason: parsed.data.reason || undefined,
    });
    return { error: null };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message }));
  }
}

export default function Bookings() {
  const { queue, results, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  return (
    <main className="page">
      <h1>Bookings</h1>
      <p className="muted">Times in {timeZone}.</p>
      {actionData?.error ? (
        <p className="error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <h2>Waiting for approval ({queue.length})</h2>
      {queue.length === 0 ? (
        <p className="muted">No requests waiting.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Requested</th>
              <th>Booking</th>
              <th>Resource</th>
              <th>When</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {queue.map((b) => (
              <tr key={b.id}>
                <td>{b.requested}</td>
                <td>{b.title}</td>
                <td>{b.resource}</td>
                <td>{b.when}</td>
                <td>
                  <Form method="post" className="row">
                    <input type="hidden" name="id" value={b.id} />
                    <input name="reason" placeholder="Reason (optional)" aria-label={`Reason for ${b.title}`} />
                    <button type="submit" name="intent" value="approve" disabled={busy}>
                      Approve
                    </button>
                    <button type="submit" name="intent" value="decline" className="secondary" disabled={busy}>
                      Decline
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Search</h2>
      <Form method="get" className="row">
        <input
          type="search"
          name="q"
          defaultValue={params.get('q') ?? ''}
          placeholder="Title or resource"
          aria-label="Search bookings"
        />
        <select name="status" defaultValue={params.get('status') ?? ''} aria-label="Status">
          <option value="">Any status</option>
          <option value="confirmed">Confirmed</option>
          <option value="pending">Pending</option>
          <option value="cancelled">Cancelled</option>
          <option value="declined">Declined</option>
        </select>
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Booking</th>
            <th>Resource</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {results.map((b) => (
            <tr key={b.id}>
              <td>{b.when}</td>
              <td>{b.title}</td>
              <td>{b.resource}</td>
              <td>
                <span className={`badge ${b.status}`}>{b.status}</span>
              </td>
              <td>
                {b.status === 'confirmed' || b.status === 'pending' || b.status === 'hold' ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={b.id} />
                    <button type="submit" name="intent" value="cancel" className="secondary" disabled={busy}>
                      Cancel
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.length === 0 ? <p className="muted">No bookings match.</p> : null}
    </main>
  );
}
