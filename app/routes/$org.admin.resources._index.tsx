import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { resourceTypeSchema } from '../../core/schemas/resource';
import { listResources, updateResource } from '../../db/operations/bookings/resources';
import { throwAsPageResponse } from '../page-errors.server';
import { requireAdmin, requireStaff } from '../guards.server';

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

const archiveSchema = z.object({ id: z.uuid(), archived: z.enum(['true', 'false']) });

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(args);
  const parsed = archiveSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: 'Choose a resource to archive' }, { status: 422 });
  await updateResource(args.context.db, {
    orgId: org.id,
    actor,
    id: parsed.data.id,
    patch: { archived: parsed.data.archived === 'true' },
  }).catch(throwAsPageResponse);
  return { error: null };
}

export default function Resources() {
  const { resources, canEdit } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <main className="page">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Resources</h1>
        {canEdit ? (
          <Link className="button" to="new">
            New resource
          </Link>
        ) : null}
      </div>
      <Form method="get" className="row">
        <label>
          Type{' '}
          <select
            name="type"
            defaultValue={params.get('type') ?? ''}
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            <option value="">All</option>
            {Object.entries(TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            name="archived"
            value="1"
            defaultChecked={params.get('archived') === '1'}
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          />{' '}
          Show archived
        </label>
        <noscript>
          <button type="submit">Filter</button>
        </noscript>
      </Form>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Capacity</th>
            <th>Approval</th>
            <th>Time zone</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {resources.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={r.id}>{r.title}</Link>
                {r.archived ? <span className="badge"> archived</span> : null}
                {!r.isBookable ? <span className="badge"> not bookable</span> : null}
              </td>
              <td>{TYPE_LABELS[r.type]}</td>
              <td>{r.capacity}</td>
              <td>{r.requiresApproval ? 'needed' : '—'}</td>
              <td>{r.timeZone}</td>
              <td>
                {canEdit ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" name="archived" value={r.archived ? 'false' : 'true'} className="secondary">
                      {r.archived ? 'Restore' : 'Archive'}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resources.length === 0 ? <p className="muted">No resources match.</p> : null}
    </main>
  );
}
