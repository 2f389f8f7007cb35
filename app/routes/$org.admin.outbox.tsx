import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { RotateCcw } from 'lucide-react';
import { z } from 'zod';
import { listUndeliverableAddresses } from '../../db/operations/outbox/email-messages';
import {
  countOutboxFailures,
  listOutboxFailures,
  outboxCounts,
  redriveDeadEvents,
  retryOutboxEvent,
} from '../../db/operations/outbox/outbox-admin';
import { DataTable } from '../components/data-table/data-table';
import { parseTableQuery } from '../components/data-table/table-query';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Time } from '../components/time-format';
import { Badge } from '../components/ui/badge';
import { requireStaff } from '../guards.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Outbox — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const query = parseTableQuery(new URL(args.request.url).searchParams, {
    sortable: ['createdAt'],
    defaultDir: 'desc',
    pageSize: { default: 25, max: 100 },
  });
  const [counts, failures, failureCount, undeliverable] = await Promise.all([
    outboxCounts(args.context.db, org.id),
    listOutboxFailures(args.context.db, org.id, query.pageSize, query.offset, query.q || undefined),
    countOutboxFailures(args.context.db, org.id, query.q || undefined),
    listUndeliverableAddresses(args.context.db, org.id),
  ]);
  return { counts, failures, failureCount, query, undeliverable };
}

const outboxActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('retry'), id: z.uuid('Choose an event to retry') }),
    z.object({ intent: z.literal('redrive') }),
  ],
  'Choose what to do',
);

export async function action(args: ActionFunctionArgs) {
  const { org } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: outboxActionSchema });
  if (submission.status !== 'success')
    return data({ message: 'Choose an event to retry.', ok: false }, { status: 422 });
  try {
    if (submission.value.intent === 'retry') {
      const event = await retryOutboxEvent(args.context.db, org.id, submission.value.id, new Date());
      return { message: `Retrying ${event.topic} now: the worker picks it up within seconds.`, ok: true };
    }
    const count = await redriveDeadEvents(args.context.db, org.id, new Date());
    return {
      message:
        count === 0
          ? 'No dead events to put back.'
          : `${count} dead event${count === 1 ? ' is' : 's are'} back in the queue.`,
      ok: true,
    };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ message: refusal.message, ok: false }));
  }
}

type Failure = ReturnType<typeof useLoaderData<typeof loader>>['failures'][number];

const failureColumns: ColumnDef<Failure>[] = [
  {
    id: 'topic',
    header: 'Event',
    enableSorting: false,
    meta: { primary: true },
    cell: ({ row }) => (
      <div className="flex min-w-0 flex-col">
        <span className="font-medium">{row.original.topic}</span>
        <span className="font-mono text-xs break-all text-muted">{row.original.id}</span>
      </div>
    ),
  },
  { accessorKey: 'retryCount', header: 'Attempts', enableSorting: false, meta: { align: 'right' } },
  {
    id: 'lastError',
    header: 'Last error',
    enableSorting: false,
    meta: { className: 'max-w-sm break-words' },
    cell: ({ row }) => row.original.lastError ?? '—',
  },
  {
    id: 'createdAt',
    header: 'Next try',
    cell: ({ row }) =>
      row.original.deadAt ? <Badge tone="danger">Dead</Badge> : <Time at={row.original.deliverAfter} />,
  },
  {
    id: 'retry',
    header: () => <span className="sr-only">Retry</span>,
    meta: { label: 'Retry' },
    enableSorting: false,
    cell: ({ row }) => (
      <Form method="post" preventScrollReset>
        <input type="hidden" name="id" value={row.original.id} />
        <SubmitButton
          size="sm"
          variant="secondary"
          name="intent"
          value="retry"
          pendingText="Retrying…"
          aria-label={`Retry now: ${row.original.topic} ${row.original.id}`}
        >
          Retry now
        </SubmitButton>
      </Form>
    ),
  },
];

type Undeliverable = ReturnType<typeof useLoaderData<typeof loader>>['undeliverable'][number];

const undeliverableColumns: ColumnDef<Undeliverable>[] = [
  { accessorKey: 'address', header: 'Address', meta: { primary: true, className: 'break-all' } },
  {
    accessorKey: 'reason',
    header: 'Why',
    cell: ({ row }) => (row.original.reason === 'bounced' ? 'Bounced' : 'Marked as spam'),
  },
  {
    id: 'since',
    accessorFn: (u) => u.since,
    header: 'Since',
    cell: ({ row }) => <Time at={row.original.since} style="date" />,
  },
];

const COUNT_LABELS = [
  ['pending', 'Waiting'],
  ['retrying', 'Failed, retrying'],
  ['dead', 'Dead (gave up)'],
  ['delivered', 'Delivered'],
] as const;

export default function Outbox() {
  const { counts, failures, failureCount, query, undeliverable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Outbox</h1>
        <p className="text-sm text-muted">
          Everything Infra24 tells the outside — emails, calendar invites, webhooks — waits here until the worker
          delivers it.
        </p>
      </header>
      {result ? <Notice tone={result.ok ? 'success' : 'danger'}>{result.message}</Notice> : null}
      <section aria-label="Events by state" className="flex flex-col gap-3">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {COUNT_LABELS.map(([key, label]) => (
            <div key={key} className="rounded-lg border border-line bg-surface p-4 shadow-sm">
              <dt className="text-sm text-muted">{label}</dt>
              <dd
                className={`text-2xl font-semibold tabular-nums ${key === 'dead' && counts.dead > 0 ? 'text-danger' : ''}`}
              >
                {counts[key]}
              </dd>
            </div>
          ))}
        </dl>
        {counts.dead > 0 ? (
          <Form method="post" preventScrollReset>
            <SubmitButton name="intent" value="redrive" variant="secondary" pendingText="Putting back…">
              <RotateCcw aria-hidden /> Put every dead event back in the queue
            </SubmitButton>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="failures-heading" className="flex flex-col gap-3">
        <h2 id="failures-heading" className="text-lg font-semibold">
          Failures
        </h2>
        <DataTable
          mode="server"
          label="Failures"
          columns={failureColumns}
          data={failures}
          total={failureCount}
          query={query}
          getRowId={(f) => f.id}
          searchPlaceholder="Event or error"
          emptyText="Nothing has failed."
        />
      </section>
      <section aria-labelledby="undeliverable-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="undeliverable-heading" className="text-lg font-semibold">
            Undeliverable addresses
          </h2>
          <p className="text-sm text-muted">
            Email to these bounced or was marked as spam (reported by Resend); they get no more reminders.
          </p>
        </div>
        <DataTable
          mode="client"
          label="Undeliverable addresses"
          columns={undeliverableColumns}
          data={undeliverable}
          getRowId={(u) => u.address}
          searchPlaceholder="Address"
          emptyText="None."
        />
      </section>
    </main>
  );
}
