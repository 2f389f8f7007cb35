import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { isAppError } from '../../core/errors';
import { workshopFormSchema, workshopInputFromForm } from '../../core/schemas/workshop';
import { createWorkshop } from '../../db/operations/workshops/workshops';
import { WorkshopForm } from '../components/workshop-form';
import { requireStaff } from '../guards.server';

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
    return redirect(`/${org.slug}/admin/workshops/${workshop.id}`);
  } catch (error) {
    if (isAppError(error) && error.fields)
      return data(submission.reply({ fieldErrors: error.fields }), { status: 409 });
    throw error;
  }
}

export default function NewWorkshop() {
  const lastResult = useActionData<typeof action>();
  return (
    <main className="page narrow">
      <h1>New workshop</h1>
      <WorkshopForm
        lastResult={lastResult}
        submitLabel="Create workshop"
        defaultValue={{ capacity: '12', registrationMode: 'per_session', isPublic: 'on' }}
      />
    </main>
  );
}
