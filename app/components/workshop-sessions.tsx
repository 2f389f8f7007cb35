import { Form, Link } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { ConfirmSubmit } from './confirm-submit';
import { DataTable } from './data-table/data-table';
import { Badge } from './ui/badge';
import { Input } from './ui/input';

export interface WorkshopSessionRow {
  id: string;
  when: string;
  resource: string;
  status: string;
  capacity: number;
  taken: number;
  waitlist: number;
}

const columns: ColumnDef<WorkshopSessionRow>[] = [
  {
    accessorKey: 'when',
    header: 'When',
    meta: { primary: true },
    enableSorting: false,
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-2">
        {row.original.when}
        {row.original.status !== 'confirmed' ? <Badge tone="danger">{row.original.status}</Badge> : null}
      </span>
    ),
  },
  { accessorKey: 'resource', header: 'Room' },
  {
    id: 'seats',
    header: 'Seats taken',
    accessorFn: (row) => row.taken,
    cell: ({ row }) => `${row.original.taken} / ${row.original.capacity}`,
  },
  { accessorKey: 'waitlist', header: 'Waitlist' },
  {
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    meta: { label: 'Actions' },
    enableSorting: false,
    cell: ({ row }) => {
      const session = row.original;
      return (
        <div className="flex flex-wrap items-center gap-2">
          <Link to={`../sessions/${session.id}`} relative="path" className="text-sm text-accent-text">
            Roster
          </Link>
          {session.status === 'confirmed' ? (
            <Form method="post" className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="intent" value="cancel-session" />
              <input type="hidden" name="sessionId" value={session.id} />
              <Input
                name="reason"
                placeholder="Reason (told to registrants)"
                maxLength={500}
                aria-label={`Reason for cancelling the session of ${session.when}`}
                className="h-8 w-56 max-w-full"
              />
              <ConfirmSubmit
                variant="secondary"
                size="sm"
                pendingText="Cancelling…"
                name="intent"
                value="cancel-session"
                title="Cancel this session?"
                description={`${session.when}: everyone registered is told, with the reason given, and the room is freed. This cannot be undone.`}
                confirm="Cancel session"
              >
                Cancel session
              </ConfirmSubmit>
            </Form>
          ) : null}
        </div>
      );
    },
  },
];

/** A workshop's sessions for staff: when, room, seats, waitlist, roster and cancelling. */
export function WorkshopSessions({ sessions }: { sessions: WorkshopSessionRow[] }) {
  return (
    <DataTable
      mode="client"
      label="Sessions"
      columns={columns}
      data={sessions}
      getRowId={(session) => session.id}
      searchPlaceholder="Search sessions…"
      emptyText="No sessions yet."
    />
  );
}
