import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CalendarPlus } from 'lucide-react';
import { useEffect } from 'react';
import { z } from 'zod';
import { canSelfCancel, DEFAULT_CANCELLATION_CUTOFF_HOURS } from '../../core/workshops/policy';
import { cancelRegistration, listUserRegistrations } from '../../db/operations/registrations/registrations';
import { ConfirmSubmit } from '../components/confirm-submit';
import { EmptyList, MyList, MyListItem } from '../components/my-list';
import { Notice } from '../components/notice';
import { REGISTRATION_STATUS_TONES } from '../components/registration-status';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { toast } from '../components/ui/toast';
import { requireUserAt } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import { orgTimeFormatter } from '../../core/time-format';

export const meta: MetaFunction = () => [{ title: 'My workshops — Infra24' }];

const cancelSchema = z.object({ registrationId: z.uuid('Choose a registration to cancel.') });

export async function loader(args: LoaderFunctionArgs) {
  const { user, org } = await requireUserAt(args);
  const now = new Date();
  const cutoff = org.settings.cancellationCutoffHours ?? DEFAULT_CANCELLATION_CUTOFF_HOURS;
  const rows = await listUserRegistrations(args.context.db, org.id, user.id);
  const view = rows.map((r) => ({
    id: r.id,
    title: r.title,
    slug: r.slug,
    isPublic: r.isPublic,
    series: r.seriesGroupId !== null,
    status: r.bookingStatus === 'cancelled' ? 'session cancelled' : r.status,
    position: r.position,
    when: orgTimeFormatter(org).relativeRange(r.startsAt, r.endsAt, now),
    room: r.resourceTitle,
    upcoming: r.endsAt > now,
    icsUrl: `/${org.slug}/workshops/sessions/${r.sessionId}/ics`,
    canCancel:
      ['registered', 'waitlisted', 'offered'].includes(r.status) &&
      r.bookingStatus === 'confirmed' &&
      canSelfCancel(now, r.startsAt, cutoff),
  }));
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    cutoff,
    upcoming: view.filter((r) => r.upcoming),
    past: view.filter((r) => !r.upcoming).reverse(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, org } = await requireUserAt(args);
  const submission = parseWithZod(await args.request.formData(), { schema: cancelSchema });
  if (submission.status !== 'success')
    return data({ error: 'Choose a registration to cancel.', message: null }, { status: 422 });
  try {
    await cancelRegistration(args.context.db, {
      orgId: org.id,
      registrationId: submission.value.registrationId,
      userId: user.id,
      baseUrl: args.context.config.publicUrl,
    });
    return { error: null, message: 'Your place is cancelled; a confirmation is on its way by email.' };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message, message: null }), {
      unauthorized: 403,
    });
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number];

function Registrations({ label, rows }: { label: string; rows: Row[] }) {
  return (
    <MyList label={label}>
      {rows.map((r) => (
        <MyListItem
          key={r.id}
          heading={
            <>
              <Link
                to={`../../workshops/${r.slug}`}
                relative="path"
                className="font-semibold text-ink underline-offset-4 hover:underline"
              >
                {r.title}
              </Link>
              {r.series ? <Badge>series</Badge> : null}
              <Badge tone={REGISTRATION_STATUS_TONES[r.status] ?? 'neutral'}>
                {r.status === 'waitlisted' ? `waitlist #${r.position}` : r.status.replace('_', '-')}
              </Badge>
            </>
          }
          details={
            <span>
              {r.when} · {r.room}
            </span>
          }
          actions={
            (r.upcoming && r.status !== 'cancelled') || r.canCancel ? (
              <>
                {r.upcoming && r.status !== 'cancelled' ? (
                  <Button asChild variant="ghost" size="sm">
                    <a href={r.icsUrl}>
                      <CalendarPlus aria-hidden /> Add to calendar
                    </a>
                  </Button>
                ) : null}
                {r.canCancel ? (
                  <Form method="post">
                    <input type="hidden" name="registrationId" value={r.id} />
                    <ConfirmSubmit
                      variant="secondary"
                      size="sm"
                      tone="danger"
                      aria-label={`Cancel ${r.title}${r.series ? ' (whole series)' : ''}`}
                      title={r.series ? 'Cancel your place in the whole series?' : 'Cancel your place?'}
                      description={`${r.title}, ${r.when}. Your seat goes to the next person waiting.`}
                      confirm={r.series ? 'Cancel series' : 'Cancel my place'}
                      cancel="Keep it"
                    >
                      {r.series ? 'Cancel series' : 'Cancel'}
                    </ConfirmSubmit>
                  </Form>
                ) : null}
              </>
            ) : null
          }
        />
      ))}
    </MyList>
  );
}

export default function MyWorkshops() {
  const { org, cutoff, upcoming, past } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useEffect(() => {
    if (result?.message) toast.success(result.message);
  }, [result]);
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My workshops</h1>
          <p className="text-sm text-muted">
            At {org.name}. Times in {org.timeZone}. You can cancel until {cutoff} hours before a session.
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button asChild variant="secondary" size="sm">
            <Link to={`/${org.slug}/workshops`}>Find workshops</Link>
          </Button>
          <Button asChild variant="secondary" size="sm">
            <Link to={`/${org.slug}/dashboard/calendar`}>Subscribe to my calendar</Link>
          </Button>
        </div>
      </div>
      {result?.error ? (
        <Notice tone="danger" role="alert">
          {result.error}
        </Notice>
      ) : null}
      <section aria-labelledby="upcoming-heading" className="flex flex-col gap-3">
        <h2 id="upcoming-heading" className="text-lg font-semibold">
          Upcoming
        </h2>
        {upcoming.length ? (
          <Registrations label="Upcoming workshops" rows={upcoming} />
        ) : (
          <EmptyList>Nothing coming up.</EmptyList>
        )}
      </section>
      <section aria-labelledby="past-heading" className="flex flex-col gap-3">
        <h2 id="past-heading" className="text-lg font-semibold">
          Past
        </h2>
        {past.length ? <Registrations label="Past workshops" rows={past} /> : <EmptyList>Nothing yet.</EmptyList>}
      </section>
    </main>
  );
}
