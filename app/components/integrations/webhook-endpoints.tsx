import { Form } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { ConfirmSubmit } from '../confirm-submit';
import { DataTable } from '../data-table/data-table';
import { Time } from '../time-format';
import { Badge } from '../ui/badge';

export interface EndpointRow {
  id: string;
  url: string;
  topics: string[];
  active: boolean;
  createdAt: string | Date;
}

const columns: ColumnDef<EndpointRow>[] = [
  {
    accessorKey: 'url',
    header: 'Address',
    meta: { primary: true },
    cell: ({ getValue }) => <span className="font-mono text-sm break-all">{getValue<string>()}</span>,
  },
  {
    id: 'topics',
    accessorFn: (row) => row.topics.join(', '),
    header: 'Topics',
    cell: ({ row }) =>
      row.original.topics.length ? (
        <span className="text-sm break-words">{row.original.topics.join(', ')}</span>
      ) : (
        <span className="text-muted">Every topic</span>
      ),
  },
  {
    accessorKey: 'active',
    header: 'State',
    cell: ({ getValue }) =>
      getValue<boolean>() ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Paused</Badge>,
  },
  { accessorKey: 'createdAt', header: 'Added', cell: ({ getValue }) => <Time at={getValue<string>()} style="date" /> },
  {
    id: 'remove',
    header: () => <span className="sr-only">Actions</span>,
    meta: { label: 'Actions', align: 'right' },
    enableSorting: false,
    cell: ({ row }) => (
      <Form method="post">
        <input type="hidden" name="intent" value="delete-endpoint" />
        <input type="hidden" name="id" value={row.original.id} />
        <ConfirmSubmit
          variant="secondary"
          size="sm"
          pendingText="Removing…"
          title="Remove this endpoint?"
          description={`${row.original.url} gets no more events. Events not yet delivered to it are dropped.`}
          confirm="Remove endpoint"
        >
          Remove<span className="sr-only"> {row.original.url}</span>
        </ConfirmSubmit>
      </Form>
    ),
  },
];

/** The organization's outgoing webhook endpoints. */
export function WebhookEndpoints({ endpoints }: { endpoints: EndpointRow[] }) {
  return (
    <DataTable
      mode="client"
      label="Webhook endpoints"
      columns={columns}
      data={endpoints}
      getRowId={(endpoint) => endpoint.id}
      searchPlaceholder="Search endpoints…"
      emptyText="No endpoints yet."
    />
  );
}
