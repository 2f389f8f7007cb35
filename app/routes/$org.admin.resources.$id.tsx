import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { hasRole } from '../../core/actor';
import {
  formDefaultsFromResource,
  resourceFormSchema,
  resourceInputFromForm,
  withoutOtherTypesFields,
} from '../../core/schemas/resource-form';
import { findResource, updateResource } from '../../db/operations/bookings/resources';
import { feedStatus, isFeedIntent, runFeedIntent } from '../calendar-feed-actions.server';
import { CalendarFeedPanel, type CalendarFeedState } from '../components/calendar-feed-panel';
import { ResourceForm } from '../components/resource-form';
import { redirectWithFlash } from '../flash.server';
import { requireAdmin, requireStaff } from '../guards.server';
import { throwAsPageResponse } from '../page-errors.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Resource'} — Infra24` }];

/** Staff see the resource and its calendar link; only admins edit it. */
async function loadResource(args: LoaderFunctionArgs, minimum: 'staff' | 'admin') {
  const access = minimum === 'admin' ? await requireAdmin(args) : await requireStaff(args);
  const id = z.uuid().safeParse(args.params.id);
  const resource = id.success ? await findResource(args.context.db, access.org.id, id.data) : undefined;
  if (!resource) throw new Response('No such resource', { status: 404 });
  return { ...access, resource, feedScope: { orgId: access.org.id, userId: access.user.id, resourceId: resource.id } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { resource, actor, feedScope } = await loadResource(args, 'staff');
  return {
    title: resource.title,
    canEdit: hasRole(actor, 'admin'),
    defaults: formDefaultsFromResource(resource),
    feed: await feedStatus(args.context, feedScope),
  };
}

export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const intent = formData.get('intent');
  if (isFeedIntent(intent)) {
    // A staff member's own link to this resource's bookings; it stops if they stop being staff.
    const { org, actor, feedScope } = await loadResource(args, 'staff');
    return runFeedIntent(args.context, intent, { ...feedScope, actor }, org.slug);
  }
  const { org, actor, resource } = await loadResource(args, 'admin');
  const submission = parseWithZod(withoutOtherTypesFields(formData), { schema: resourceFormSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 });
  await updateResource(args.context.db, {
    orgId: org.id,
    actor,
    id: resource.id,
    patch: resourceInputFromForm(submission.value),
  }).catch(throwAsPageResponse);
  return redirectWithFlash(args.context, `/${org.slug}/admin/resources`, {
    message: `${submission.value.title} saved.`,
  });
}

function isFeedResult(result: unknown): result is CalendarFeedState {
  return typeof result === 'object' && result !== null && 'issued' in result;
}

export default function EditResource() {
  const { title, canEdit, defaults, feed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const feedState: CalendarFeedState = isFeedResult(result) ? result : { live: feed, issued: null };
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-1">
        <Link to=".." relative="path" className="text-sm text-accent-text no-underline hover:underline">
          ← Resources
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      </div>
      {canEdit ? (
        <ResourceForm
          lastResult={isFeedResult(result) ? undefined : result}
          submitLabel="Save changes"
          defaultValue={defaults}
        />
      ) : null}
      <CalendarFeedPanel state={feedState} subject={`${title}'s bookings`} busy={busy} />
      <p className="text-sm text-muted">
        The link is yours: it shows this resource's confirmed bookings and requests awaiting approval, and stops working
        if you are no longer staff here.
      </p>
    </main>
  );
}
