import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { feedStatus, isFeedIntent, runFeedIntent } from '../calendar-feed-actions.server';
import { organizationTimeFormat } from '../../core/time-format';
import { CalendarFeedPanel } from '../components/calendar-feed-panel';
import { TimeFormatProvider } from '../components/time-format';
import { requireUserAt } from '../guards.server';

export const meta: MetaFunction = () => [{ title: 'My calendar — Infra24' }];

/** Anyone signed in has a calendar of their own here: their bookings and their workshop seats. */
async function signedInAt(args: LoaderFunctionArgs) {
  const { user, org } = await requireUserAt(args);
  return { user, org, scope: { orgId: org.id, userId: user.id, resourceId: null } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org, scope } = await signedInAt(args);
  return {
    org: { slug: org.slug, name: org.name },
    timeFormat: organizationTimeFormat(org),
    live: await feedStatus(args.context, scope),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, org, scope } = await signedInAt(args);
  const intent = (await args.request.formData()).get('intent');
  if (!isFeedIntent(intent))
    return data(
      { live: null, issued: null, error: 'intent: choose feed-issue, feed-off, feed-invites-off or feed-invites-on' },
      { status: 422 },
    );
  return runFeedIntent(
    args.context,
    intent,
    { ...scope, actor: { type: 'user', id: user.id, role: 'resident' } },
    org.slug,
  );
}

export default function MyCalendar() {
  const { org, timeFormat, live } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const state = result
    ? { live: result.live, issued: 'issued' in result ? result.issued : null, error: result.error }
    : { live, issued: null };
  return (
    <main className="page narrow">
      <p>
        <Link to={`/${org.slug}/dashboard/workshops`}>← My workshops</Link>
      </p>
      <h1>My calendar at {org.name}</h1>
      <p>
        Your bookings (also those awaiting approval, marked tentative) and the workshop sessions you hold a seat in, in
        the calendar app you already use. Changes and cancellations show up there by themselves.
      </p>
      <TimeFormatProvider settings={timeFormat}>
        <CalendarFeedPanel state={state} subject="my calendar" busy={busy} />
      </TimeFormatProvider>
    </main>
  );
}
