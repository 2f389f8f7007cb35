import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { resourceFormSchema, resourceInputFromForm, withoutOtherTypesFields } from '../../core/schemas/resource-form';
import { createResource } from '../../db/operations/bookings/resources';
import { ResourceForm } from '../components/resource-form';
import { redirectWithFlash } from '../flash.server';
import { requireAdmin } from '../guards.server';
import { answerDomainError, refusalReply } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'New resource — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  return { timeZone: org.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(args);
  const submission = parseWithZod(withoutOtherTypesFields(await args.request.formData()), {
    schema: resourceFormSchema,
  });
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 });
  try {
    await createResource(args.context.db, { orgId: org.id, actor, input: resourceInputFromForm(submission.value) });
  } catch (error) {
    return answerDomainError(error, (refusal) => refusalReply(submission, refusal));
  }
  return redirectWithFlash(args.context, `/${org.slug}/admin/resources`, {
    message: `${submission.value.title} created.`,
  });
}

export default function NewResource() {
  const { timeZone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-1">
        <Link to=".." relative="path" className="text-sm text-accent-text no-underline hover:underline">
          ← Resources
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">New resource</h1>
      </div>
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
