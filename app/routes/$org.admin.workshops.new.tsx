import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { workshopFormSchema, workshopInputFromForm } from '../../core/schemas/workshop';
import { createWorkshop } from '../../db/operations/workshops/workshops';
import { WorkshopForm } from '../components/workshop-form';
import { redirectWithFlash } from '../flash.server';
import { requireStaff } from '../guards.server';
import { answerDomainError, refusalReply } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'New workshop — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  return {};
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: workshopFormSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 });
  try {
    const workshop = await createWorkshop(args.context.db, {
      orgId: org.id,
      actor,
      workshop: workshopInputFromForm(submission.value),
    });
    return redirectWithFlash(args.context, `/${org.slug}/admin/workshops/${workshop.id}`, {
      message: `${workshop.title} created. Add its sessions next.`,
    });
  } catch (error) {
    return answerDomainError(error, (refusal) => refusalReply(submission, refusal));
  }
}

export default function NewWorkshop() {
  const lastResult = useActionData<typeof action>();
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-1">
        <Link to=".." relative="path" className="text-sm text-accent-text no-underline hover:underline">
          ← Workshops
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">New workshop</h1>
      </div>
      <WorkshopForm
        lastResult={lastResult}
        submitLabel="Create workshop"
        defaultValue={{ capacity: '12', registrationMode: 'per_session', isPublic: 'on' }}
      />
    </main>
  );
}
