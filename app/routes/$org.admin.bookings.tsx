import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { z } from 'zod';
import { bookingReasonSchema, bookingStatusSchema } from '../../core/schemas/booking';
import type { TimeFormatter } from '../../core/time-format';
import { countBookingSearch, listApprovalQueue, searchBookings } from '../../db/operations/bookings/booking-records';
import { transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { findUserContact } from '../../db/operations/outbox/reminders';
import { DataTable } from '../components/data-table/data-table';
import { parseTableQuery } from '../components/data-table/table-query';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Badge, type BadgeProps } from '../components/ui/badge';
import { Input } from '../components/ui/input';
import { redirectWithFlash } from '../flash.server';
import { requireStaff } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import { orgTimeFormatter } from '../../core/time-format';

export const meta: MetaFunction = () => [{ title: 'Bookings — Infra24' }];

const STATUSES = ['pending', 'confirmed', 'cancelled', 'declined'] as const satisfies readonly z.infer<
  typeof bookingStatusSchema
>[];

interface BookingEntry {
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
  requesterName?: string | null;
}

function row(entry: BookingEntry, time: TimeFormatter, now: Date) {
  return {
    id: entry.booking.id,
    title: entry.booking.title,
    resource: entry.resourceTitle,
    requester: entry.requesterName ?? null,
    status:
      entry.booking.status === 'pending' && entry.booking.pendingReason === 'hold' ? 'hold' : entry.booking.status,
    when: time.range(entry.booking.startsAt, entry.booking.endsAt),
    requested: time.relative(entry.booking.createdAt, now),
  };
}
type BookingRow = ReturnType<typeof row>;

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const query = parseTableQuery(new URL(args.request.url).searchParams, {
    sortable: ['startsAt', 'title', 'resource', 'status'],
    defaultDir: 'desc',
    pageSize: { default: 25, max: 100 },
    filters: { status: STATUSES },
  });
  const filter = { text: query.q || undefined, status: bookingStatusSchema.optional().parse(query.filters.status) };
  const time = orgTimeFormatter(org);
  const now = new Date();
  const [queue, results, total] = await Promise.all([
    listApprovalQueue(args.context.db, org.id),
    searchBookings(args.context.db, org.id, {
      ...filter,
      sort: query.sort,
      dir: query.dir,
      limit: query.pageSize,
      offset: query.offset,
    }),
    countBookingSearch(args.context.db, org.id, filter),
  ]);
  return {
    queue: queue.map((e) => row(e, time, now)),
    results: results.map((e) => row(e, time, now)),
    total,
    query,
    timeZone: org.timeZone,
  };
}

const decisionSchema = bookingReasonSchema.extend({
  id: z.uuid('Choose a booking'),
  intent: z.enum(['approve', 'decline', 'cancel'], 'Choose what to do with the booking'),
});

const DONE = { approve: 'Approved', decline: 'Declined', cancel: 'Cancelled' } as const;

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: decisionSchema });
  if (submission.status !== 'success') {
    const reasonError = submission.error?.reason?.[0];
    return data(
      { error: reasonError ? `The reason ${reasonError}.` : 'Choose a booking and what to do with it.' },
      { status: 422 },
    );
  }
  const { id, intent, reason } = submission.value;
  try {
    const booking = await transitionBooking(args.context.db, intent, { orgId: org.id, actor, id, reason });
    const requester = booking.createdBy ? await findUserContact(args.context.db, booking.createdBy) : undefined;
    // Back to the same search and page; the requester hears of it through the outbox.
    const url = new URL(args.request.url);
    return redirectWithFlash(args.context, `${url.pathname}${url.search}`, {
      message: requester ? `${DONE[intent]} — ${requester.name} was emailed.` : `${DONE[intent]}.`,
      description: `“${booking.title}”`,
    });
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message }));
  }
}

const STATUS_TONES: Record<string, BadgeProps['tone']> = {
  confirmed: 'success',
  pending: 'warning',
  hold: 'info',
  cancelled: 'danger',
  declined: 'danger',
};
const STATUS_LABELS: Record<string, string> = {
  confirmed: 'Confirmed',
  pending: 'Pending',
  hold: 'On hold',
  cancelled: 'Cancelled',
  declined: 'Declined',
};
const STATUS_OPTIONS = STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] ?? value }));

function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? 'neutral'}>{STATUS_LABELS[status] ?? status}</Badge>;
}

function DecisionForm({ booking }: { booking: BookingRow }) {
  return (
    <Form method="post" className="flex flex-wrap items-center gap-2" preventScrollReset>
      <input type="hidden" name="id" value={booking.id} />
      <Input
        name="reason"
        maxLength={500}
        placeholder="Reason (optional)"
        aria-label={`Reason for ${booking.title}`}
        className="h-9 w-full min-w-40 sm:w-44"
      />
      <SubmitButton size="sm" name="intent" value="approve" pendingText="Approving…">
        Approve
      </SubmitButton>
      <SubmitButton size="sm" variant="secondary" name="intent" value="decline" pendingText="Declining…">
        Decline
      </SubmitButton>
    </Form>
  );
}

function CancelForm({ booking }: { booking: BookingRow }) {
  if (booking.status !== 'confirmed' && booking.status !== 'pending' && booking.status !== 'hold') return null;
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="id" value={booking.id} />
      <SubmitButton
        size="sm"
        variant="secondary"
        name="intent"
        value="cancel"
        pendingText="Cancelling…"
        aria-label={`Cancel ${booking.title}`}
      >
        Cancel
      </SubmitButton>
    </Form>
  );
}

const queueColumns: ColumnDef<BookingRow>[] = [
  { accessorKey: 'title', header: 'Booking', meta: { primary: true } },
  { accessorKey: 'requester', header: 'Requested by', cell: ({ row }) => row.original.requester ?? '—' },
  { accessorKey: 'resource', header: 'Resource' },
  { accessorKey: 'when', header: 'When', enableSorting: false },
  { accessorKey: 'requested', header: 'Asked', enableSorting: false },
  {
    id: 'decision',
    header: () => <span className="sr-only">Decision</span>,
    meta: { label: 'Decision' },
    enableSorting: false,
    cell: ({ row }) => <DecisionForm booking={row.original} />,
  },
];

const searchColumns: ColumnDef<BookingRow>[] = [
  { id: 'title', accessorKey: 'title', header: 'Booking', meta: { primary: true } },
  { id: 'startsAt', accessorKey: 'when', header: 'When' },
  { id: 'resource', accessorKey: 'resource', header: 'Resource' },
  {
    id: 'status',
    accessorKey: 'status',
    header: 'Status',
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  },
  {
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    meta: { label: 'Actions' },
    enableSorting: false,
    cell: ({ row }) => <CancelForm booking={row.original} />,
  },
];

export default function Bookings() {
  const { queue, results, total, query, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Bookings</h1>
        <p className="text-sm text-muted">Times in {timeZone}.</p>
      </header>
      {actionData?.error ? <Notice tone="danger">{actionData.error}</Notice> : null}
      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-lg font-semibold">
          Waiting for approval <span className="text-muted">({queue.length})</span>
        </h2>
        {queue.length === 0 ? (
          <p className="rounded-lg border border-line bg-surface p-6 text-center text-muted">No requests waiting.</p>
        ) : (
          <DataTable
            mode="client"
            label="Waiting for approval"
            columns={queueColumns}
            data={queue}
            getRowId={(b) => b.id}
            searchPlaceholder="Booking, person or resource"
            emptyText="No requests waiting."
          />
        )}
      </section>
      <section aria-labelledby="search-heading" className="flex flex-col gap-3">
        <h2 id="search-heading" className="text-lg font-semibold">
          All bookings
        </h2>
        <DataTable
          mode="server"
          label="All bookings"
          columns={searchColumns}
          data={results}
          total={total}
          query={query}
          getRowId={(b) => b.id}
          filters={[{ id: 'status', label: 'Status', options: STATUS_OPTIONS }]}
          searchPlaceholder="Title or resource"
          emptyText="No bookings match."
        />
      </section>
    </main>
  );
}
