import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect } from 'react';
import { feedStatus, isFeedIntent, runFeedIntent } from '../calendar-feed-actions.server';
import { organizationTimeFormat } from '../../core/time-format';
import { CalendarFeedPanel } from '../components/calendar-feed-panel';
import { TimeFormatProvider } from '../components/time-format';
import { toast } from '../components/ui/toast';
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

/** What a feed action did, when the panel itself does not show it (a new address shows itself). */
function feedChangeMessage(result: { live: { replacesInvites?: boolean } | null; error?: string | null }) {
  if (result.error) return null;
  if (!result.live) return 'Calendar link turned off: the old address no longer works.';
  if ('issued' in result && result.issued) return null;
  return result.live.replacesInvites ? 'Emailed invites stopped.' : 'Emailed invites are back on.';
}

export default function MyCalendar() {
  const { org, timeFormat, live } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const state = result
    ? { live: result.live, issued: 'issued' in result ? result.issued : null, error: result.error }
    : { live, issued: null };
  useEffect(() => {
    const message = result ? feedChangeMessage(result) : null;
    if (message) toast.success(message);
  }, [result]);
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex max-w-2xl flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My calendar</h1>
        <p className="text-muted">
          Your bookings at {org.name} (also those awaiting approval, marked tentative) and the workshop sessions you
          hold a seat in, in the calendar app you already use. Changes and cancellations show up there by themselves.
        </p>
      </div>
      <TimeFormatProvider settings={timeFormat}>
        <div className="max-w-2xl">
          <CalendarFeedPanel state={state} subject="my calendar" busy={busy} />
        </div>
      </TimeFormatProvider>
    </main>
  );
}
