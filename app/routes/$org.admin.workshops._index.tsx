import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { Plus } from 'lucide-react';
import { attendanceByWorkshop, attendanceLabel } from '../../db/operations/workshops/workshop-attendance';
import { listWorkshopsForStaff } from '../../db/operations/workshops/workshop-catalog';
import { DataTable } from '../components/data-table/data-table';
import { Badge, type BadgeProps } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { requireStaff } from '../guards.server';
import { orgTimeFormatter } from '../../core/time-format';

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
        nextAt: next ? next.startsAt.toISOString() : null,
      };
    }),
  };
}

type WorkshopRow = ReturnType<typeof useLoaderData<typeof loader>>['workshops'][number];

const STATUS_TONES: Record<string, BadgeProps['tone']> = {
  published: 'success',
  'members only': 'info',
  draft: 'neutral',
};
const STATUS_LABELS: Record<string, string> = {
  published: 'Published',
  'members only': 'Members only',
  draft: 'Draft',
};

const columns: ColumnDef<WorkshopRow>[] = [
  {
    accessorKey: 'title',
    header: 'Workshop',
    meta: { primary: true },
    cell: ({ row }) => (
      <div className="flex min-w-0 flex-col">
        <Link to={row.original.id} className="font-medium text-accent-text hover:underline">
          {row.original.title}
        </Link>
        {row.original.tags.length ? <span className="text-xs text-muted">{row.original.tags.join(', ')}</span> : null}
      </div>
    ),
  },
  {
    accessorKey: 'status',
    header: 'Status',
    filterFn: 'equals',
    cell: ({ row }) => (
      <Badge tone={STATUS_TONES[row.original.status] ?? 'neutral'}>
        {STATUS_LABELS[row.original.status] ?? row.original.status}
      </Badge>
    ),
  },
  { accessorKey: 'sessions', header: 'Sessions', meta: { align: 'right' } },
  { accessorKey: 'fill', header: 'Fill', enableSorting: false },
  { accessorKey: 'waitlist', header: 'Waitlist', meta: { align: 'right' } },
  { accessorKey: 'attendance', header: 'Attendance', enableSorting: false },
  {
    id: 'next',
    accessorFn: (w) => w.nextAt ?? '9999',
    header: 'Next session',
    cell: ({ row }) => row.original.next,
  },
];

export default function Workshops() {
  const { workshops, timeZone } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Workshops</h1>
          <p className="max-w-3xl text-sm text-muted">
            Times in {timeZone}. Fill counts seats taken (registered, attended, open offers) over seats in active
            sessions. Attendance counts the people marked on the rosters.
          </p>
        </div>
        <Button asChild>
          <Link to="new">
            <Plus aria-hidden /> New workshop
          </Link>
        </Button>
      </header>
      <DataTable
        mode="client"
        label="Workshops"
        columns={columns}
        data={workshops}
        getRowId={(w) => w.id}
        filters={[
          {
            id: 'status',
            label: 'Status',
            options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
          },
        ]}
        searchPlaceholder="Workshop or tag"
        emptyText={workshops.length === 0 ? 'No workshops yet.' : 'No workshops match.'}
      />
    </main>
  );
}
