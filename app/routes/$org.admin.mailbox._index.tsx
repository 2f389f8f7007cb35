import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useParams } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { CalendarPlus } from 'lucide-react';
import { mailboxShowsSecretLinks } from '../../config/env';
import { countMailbox, listMailbox } from '../../db/operations/outbox/email-messages';
import { DataTable } from '../components/data-table/data-table';
import { parseTableQuery } from '../components/data-table/table-query';
import { Notice } from '../components/notice';
import { Time } from '../components/time-format';
import { requireAdmin } from '../guards.server';

export const meta: MetaFunction = () => [{ title: 'Mailbox — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  const params = new URL(args.request.url).searchParams;
  const query = parseTableQuery(params, {
    sortable: ['sent'],
    defaultDir: 'desc',
    pageSize: { default: 50, max: 200 },
  });
  // `?to=` (an exact recipient) is what links from other pages carry; the search box matches parts.
  const to = params.get('to')?.trim().slice(0, 320) || undefined;
  const showSecretLinks = mailboxShowsSecretLinks(args.context.config);
  const filter = { to, search: query.q || undefined, showSecretLinks };
  const [messages, total] = await Promise.all([
    listMailbox(args.context.db, org.id, { ...filter, limit: query.pageSize, offset: query.offset }),
    countMailbox(args.context.db, org.id, filter),
  ]);
  return { messages, total, query, usesResend: Boolean(args.context.config.RESEND_API_KEY), showSecretLinks };
}

type MessageRow = ReturnType<typeof useLoaderData<typeof loader>>['messages'][number];

function columns(mailbox: string): ColumnDef<MessageRow>[] {
  return [
    {
      id: 'subject',
      header: 'Subject',
      enableSorting: false,
      meta: { primary: true },
      cell: ({ row }) => (
        <Link to={`${mailbox}/${row.original.id}`} className="font-medium text-accent-text hover:underline">
          {row.original.subject}
        </Link>
      ),
    },
    { accessorKey: 'toAddress', header: 'To', enableSorting: false, meta: { className: 'break-all' } },
    { id: 'sent', header: 'Sent', cell: ({ row }) => <Time at={row.original.createdAt} /> },
    {
      id: 'invite',
      header: 'Invite',
      enableSorting: false,
      cell: ({ row }) =>
        row.original.attachmentCount > 0 ? (
          <a
            href={`${mailbox}/${row.original.id}/attachments/0`}
            download={row.original.firstAttachment ?? undefined}
            className="inline-flex min-h-6 items-center gap-1 text-accent-text hover:underline"
            aria-label={`Download ${row.original.firstAttachment ?? 'the attachment'} of “${row.original.subject}”`}
          >
            <CalendarPlus className="size-4" aria-hidden />
            {row.original.firstAttachment ?? 'Attachment'}
          </a>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
  ];
}

export default function Mailbox() {
  const { messages, total, query, usesResend, showSecretLinks } = useLoaderData<typeof loader>();
  const { org } = useParams();
  const mailbox = `/${org}/admin/mailbox`;
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Mailbox</h1>
        <p className="text-sm text-muted">
          {usesResend
            ? 'Every email sent through Resend, as it was sent.'
            : 'No email provider is set (SMTP_URL or RESEND_API_KEY), so emails are delivered here instead: this is what people would receive.'}
        </p>
      </header>
      {showSecretLinks ? (
        <Notice tone="warning">
          This installation runs in demo mode without an email provider, so sign-in, password-reset and invitation
          emails are shown here too: anyone who reads this mailbox can sign in as the people they were sent to. Never
          use demo mode with real accounts.
        </Notice>
      ) : (
        <p className="text-sm text-muted">
          Sign-in, password-reset and invitation emails are not shown: only the person they were sent to may read their
          links.
        </p>
      )}
      <DataTable
        mode="server"
        label="Emails"
        columns={columns(mailbox)}
        data={messages}
        total={total}
        query={query}
        getRowId={(m) => m.id}
        searchPlaceholder="Recipient or subject"
        emptyText="No emails yet."
      />
    </main>
  );
}
