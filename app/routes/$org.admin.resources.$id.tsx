import { parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { formDefaultsFromResource, resourceFormSchema, resourceInputFromForm } from '../../core/schemas/resource-form';
import { findResource, updateResource } from '../../db/operations/resources';
import { ResourceForm } from '../components/resource-form';
import { requireAdmin } from '../guards.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Resource'} — Infra24` }];

async function loadResource(args: LoaderFunctionArgs) {
  const access = await requireAdmin(args);
  const id = z.uuid().safeParse(args.params.id);
  const resource = id.success ? await findResource(args.context.db, access.org.id, id.data) : undefined;
  if (!resource) throw new Response('No such resource', { status: 404 });
  return { ...access, resource };
}

export async function loader(args: LoaderFunctionArgs) {
  const { resource } = await loadResource(args);
  return json({ title: resource.title, defaults: formDefaultsFromResource(resource) });
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor, resource } = await loadResource(args);
  const submission = parseWithZod(await args.request.formData(), { schema: resourceFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 422 });
  await updateResource(args.context.db, { orgId: org.id, actor, id: resource.id, patch: resourceInputFromForm(submission.value) });
  return redirect(`/${org.slug}/admin/resources`);
}

export default function EditResource() {
  const { title, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <main className="page narrow">
      <h1>{title}</h1>
      <ResourceForm lastResult={lastResult} submitLabel="Save changes" defaultValue={defaults} />
    </main>
  );
}
