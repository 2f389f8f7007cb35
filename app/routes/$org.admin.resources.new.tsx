import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { resourceFormSchema, resourceInputFromForm } from '../../core/schemas/resource-form';
import { createResource } from '../../db/operations/bookings/resources';
import { ResourceForm } from '../components/resource-form';
import { requireAdmin } from '../guards.server';

export const meta: MetaFunction = () => [{ title: 'New resource — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  return { timeZone: org.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(args);
  const submission = parseWithZod(await args.request.formData(), { schema: resourceFormSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 });
  await createResource(args.context.db, { orgId: org.id, actor, input: resourceInputFromForm(submission.value) });
  return redirect(`/${org.slug}/admin/resources`);
}

export default function NewResource() {
  const { timeZone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <main className="page narrow">
      <h1>New resource</h1>
      <ResourceForm
        lastResult={lastResult}
        submitLabel="Create resource"
        defaultValue={{
          type: 'space',
          capacity: '1',
          timeZone,
          isBookable: 'on',
          weekly: {
            mon: '09:00-17:00',
            tue: '09:00-17:00',
            wed: '09:00-17:00',
            thu: '09:00-17:00',
            fri: '09:00-17:00',
          },
        }}
      />
    </main>
  );
}
