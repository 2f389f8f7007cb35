import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { Plus } from 'lucide-react';
import { z } from 'zod';
import { type ResourcePatch, resourceTypeSchema } from '../../core/schemas/resource';
import { listResources, updateResource } from '../../db/operations/bookings/resources';
import { DataTable } from '../components/data-table/data-table';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { redirectWithFlash } from '../flash.server';
import { requireAdmin, requireStaff } from '../guards.server';
import { throwAsPageResponse } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Resources — Infra24' }];

const TYPE_LABELS = { space: 'Space', equipment: 'Equipment', person: 'Person', other: 'Other' } as const;

export async function loader(args: LoaderFunctionArgs) {
  const { org, role } = await requireStaff(args);
  const url = new URL(args.request.url);
  const type = resourceTypeSchema.safeParse(url.searchParams.get('type'));
  const resources = await listResources(args.context.db, org.id, {
    type: type.success ? type.data : undefined,
    includeArchived: url.searchParams.get('archived') === '1',
  });
  return {
    canEdit: role === 'admin',
    resources: resources.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      capacity: r.capacity,
      timeZone: r.timeZone,
      requiresApproval: r.requiresApproval,
      isBookable: r.isBookable,
      archived: Boolean(r.archivedAt),
    })),
  };
}

/** Archive or restore: the resource patch's `archived`, posted by a button as "true" or "false". */
const archiveSchema = z.object({
  id: z.uuid('Choose a resource'),
  archived: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(args);
  const submission = parseWithZod(await args.request.formData(), { schema: archiveSchema });
  if (submission.status !== 'success') return data({ error: 'Choose a resource to archive.' }, { status: 422 });
  const { id, archived } = submission.value;
  const patch: ResourcePatch = { archived };
  const resource = await updateResource(args.context.db, { orgId: org.id, actor, id, patch }).catch(
    throwAsPageResponse,
  );
  const url = new URL(args.request.url);
  return redirectWithFlash(args.context, `${url.pathname}${url.search}`, {
    message: archived ? `Archived “${resource.title}”: it can no longer be booked.` : `Restored “${resource.title}”.`,
  });
}

type ResourceRow = ReturnType<typeof useLoaderData<typeof loader>>['resources'][number];

function columns(canEdit: boolean): ColumnDef<ResourceRow>[] {
  const list: ColumnDef<ResourceRow>[] = [
    {
      accessorKey: 'title',
      header: 'Name',
      meta: { primary: true },
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link to={row.original.id} className="font-medium text-accent-text hover:underline">
            {row.original.title}
          </Link>
          {row.original.archived ? <Badge>Archived</Badge> : null}
          {!row.original.isBookable ? <Badge tone="warning">Not bookable</Badge> : null}
        </span>
      ),
    },
    {
      accessorKey: 'type',
      header: 'Type',
      filterFn: 'equals',
      cell: ({ row }) => TYPE_LABELS[row.original.type],
    },
    {
      accessorKey: 'capacity',
      header: 'Capacity',
      meta: { align: 'right' },
      cell: ({ row }) => row.original.capacity ?? '—',
    },
    {
      accessorKey: 'requiresApproval',
      header: 'Approval',
      cell: ({ row }) => (row.original.requiresApproval ? <Badge tone="warning">Needed</Badge> : '—'),
    },
    { accessorKey: 'timeZone', header: 'Time zone' },
  ];
  if (!canEdit) return list;
  return [
    ...list,
    {
      id: 'archive',
      header: () => <span className="sr-only">Archive</span>,
      meta: { label: 'Archive' },
      enableSorting: false,
      cell: ({ row }) => (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="id" value={row.original.id} />
          <SubmitButton
            size="sm"
            variant="secondary"
            name="archived"
            value={row.original.archived ? 'false' : 'true'}
            aria-label={`${row.original.archived ? 'Restore' : 'Archive'} ${row.original.title}`}
          >
            {row.original.archived ? 'Restore' : 'Archive'}
          </SubmitButton>
        </Form>
      ),
    },
  ];
}

export default function Resources() {
  const { resources, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const showArchived = params.get('archived') === '1';
  const toggled = new URLSearchParams(params);
  if (showArchived) toggled.delete('archived');
  else toggled.set('archived', '1');
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Resources</h1>
        {canEdit ? (
          <Button asChild>
            <Link to="new">
              <Plus aria-hidden /> New resource
            </Link>
          </Button>
        ) : null}
      </header>
      {actionData?.error ? <Notice tone="danger">{actionData.error}</Notice> : null}
      <DataTable
        mode="client"
        label="Resources"
        columns={columns(canEdit)}
        data={resources}
        getRowId={(r) => r.id}
        filters={[
          {
            id: 'type',
            label: 'Type',
            options: Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label })),
          },
        ]}
        searchPlaceholder="Name"
        emptyText="No resources match."
        toolbar={
          <Button asChild variant="ghost">
            <Link to={`?${toggled}`} preventScrollReset>
              {showArchived ? 'Hide archived' : 'Show archived'}
            </Link>
          </Button>
        }
      />
    </main>
  );
}
