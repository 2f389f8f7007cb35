import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CalendarDays, CalendarPlus, MapPin, UserRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { canSelfCancel, cancellationDeadline } from '../../core/workshops/policy';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { cancelRegistration, findRegistrationByToken } from '../../db/operations/registrations/registrations';
import { listSeriesGroup } from '../../db/operations/registrations/series-registrations';
import { requireSessionFacts } from '../../db/operations/workshops/workshop-sessions';
import { findWorkshop } from '../../db/operations/workshops/workshops';
import { assertSameOrigin } from '../guards.server';
import { sessionForDisplay, sessionLocation } from '../workshop-views.server';
import { answerDomainError } from '../page-errors.server';
import { linkNotValid, secretLinkHeaders } from '../secret-links.server';
import { orgTimeFormatter } from '../../core/time-format';
import { ConfirmSubmit } from '../components/confirm-submit';
import { Notice } from '../components/notice';
import { REGISTRATION_STATUS_TONES } from '../components/registration-status';
import { Badge } from '../components/ui/badge';
import { Button } from '../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card';
import { errorTitle } from '../components/route-error';

export const meta: MetaFunction = ({ error }) => [
  { title: `${error ? errorTitle(error) : 'Your registration'} — Infra24` },
  { name: 'robots', content: 'noindex' },
];

export const headers = secretLinkHeaders;

async function registrationForToken({ params, context }: Pick<LoaderFunctionArgs, 'params' | 'context'>) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const registration = await findRegistrationByToken(context.db, org.id, params.token ?? '');
  if (!registration?.sessionId) linkNotValid('registration', org);
  return { org, registration, sessionId: registration.sessionId };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org, registration, sessionId } = await registrationForToken(args);
  const facts = await requireSessionFacts(args.context.db, org.id, sessionId);
  const workshop = await findWorkshop(args.context.db, org.id, facts.workshopId);
  const now = new Date();
  const series = registration.seriesGroupId
    ? await listSeriesGroup(args.context.db, org.id, registration.seriesGroupId)
    : [];
  const time = orgTimeFormatter(org);
  // A series is cancelled as a whole until the cutoff before its next session still to come.
  const remaining = series.filter(
    (r) => ['registered', 'waitlisted', 'offered'].includes(r.status) && r.startsAt > now,
  );
  const cancelFrom = registration.seriesGroupId ? remaining[0]?.startsAt : facts.startsAt;
  const deadline = cancellationDeadline(cancelFrom ?? facts.startsAt, facts.cancellationCutoffHours);
  const cancellable = registration.seriesGroupId
    ? remaining.length > 0
    : ['registered', 'waitlisted', 'offered'].includes(registration.status);
  return {
    series: series.map((r) => ({
      id: r.id,
      status: r.bookingStatus === 'cancelled' ? 'session cancelled' : r.status,
      when: time.range(r.startsAt, r.endsAt),
    })),
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    registration: {
      name: registration.name,
      email: registration.email,
      status: registration.status,
      position: registration.waitlistPosition,
    },
    workshop: { title: facts.title, slug: facts.slug },
    session: sessionForDisplay(facts, {
      orgSlug: org.slug,
      time,
      title: facts.title,
      descriptionHtml: workshop?.descriptionHtml ?? '',
      location: sessionLocation(facts),
    }),
    location: sessionLocation(facts),
    canCancel: cancellable && canSelfCancel(now, cancelFrom ?? facts.startsAt, facts.cancellationCutoffHours),
    deadline: time.dateTime(deadline),
  };
}

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const { org, registration } = await registrationForToken(args);
  try {
    await cancelRegistration(args.context.db, {
      orgId: org.id,
      registrationId: registration.id,
      token: args.params.token,
      baseUrl: args.context.config.publicUrl,
    });
    return { error: null, message: 'Your registration is cancelled; a confirmation is on its way by email.' };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message, message: null }));
  }
}

const HEADLINES: Record<string, string> = {
  registered: "You're registered",
  attended: 'You attended',
  no_show: 'Registered (marked as not attended)',
  waitlisted: "You're on the waitlist",
  offered: 'A seat is waiting for you',
  cancelled: 'This registration is cancelled',
};

/** A line of the registration's facts, with its icon. */
function Fact({ icon: Icon, children }: { icon: typeof CalendarDays; children: ReactNode }) {
  return (
    <p className="flex items-start gap-2 text-sm">
      <Icon className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
      <span className="min-w-0 break-words">{children}</span>
    </p>
  );
}

export default function ManageRegistration() {
  const { org, registration, workshop, session, location, canCancel, deadline, series } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const active = registration.status !== 'cancelled';
  return (
    <main className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{HEADLINES[registration.status]}</h1>
      {result?.message ? <Notice>{result.message}</Notice> : null}
      {result?.error ? (
        <Notice tone="danger" role="alert">
          {result.error}
        </Notice>
      ) : null}
      {registration.status === 'waitlisted' ? (
        <Notice tone="info">
          You are number <strong>{registration.position}</strong> on the waitlist.{' '}
          {series.length
            ? 'When a seat frees up in every session, we email you an offer for the whole series.'
            : 'If a seat frees up, we email you an offer.'}
        </Notice>
      ) : null}
      {registration.status === 'offered' ? (
        <Notice tone="warning">Check your email for the link to accept it before the offer lapses.</Notice>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <Link
              to={`/${org.slug}/workshops/${workshop.slug}`}
              className="text-ink underline-offset-4 hover:underline"
            >
              {workshop.title}
            </Link>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            {/* A series lists each of its sessions below. */}
            {series.length ? null : (
              <Fact icon={CalendarDays}>
                <span className="font-medium">{session.day}</span>, {session.time}
              </Fact>
            )}
            <Fact icon={MapPin}>{location}</Fact>
            <Fact icon={UserRound}>
              {registration.name} <span className="text-muted">· {registration.email}</span>
            </Fact>
          </div>
          {series.length ? (
            <section aria-labelledby="series-heading" className="flex flex-col gap-2">
              <h3 id="series-heading" className="text-sm font-semibold">
                This registration is for the whole series ({series.length} session{series.length === 1 ? '' : 's'})
              </h3>
              <ul aria-label="Sessions of the series" className="divide-y divide-line rounded-md border border-line">
                {series.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2">
                    <span className="text-sm">{r.when}</span>
                    <Badge tone={REGISTRATION_STATUS_TONES[r.status] ?? 'neutral'}>{r.status.replace('_', '-')}</Badge>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {active ? (
            <div className="flex flex-wrap gap-2">
              <Button asChild variant="secondary" size="sm">
                <a href={session.icsUrl}>
                  <CalendarPlus aria-hidden /> Add to calendar (.ics)
                </a>
              </Button>
              <Button asChild variant="secondary" size="sm">
                <a href={session.googleUrl} target="_blank" rel="noopener noreferrer">
                  Google Calendar
                </a>
              </Button>
            </div>
          ) : null}
        </CardContent>
      </Card>
      {canCancel ? (
        <Form method="post" className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-muted">
            You can cancel until {deadline} ({org.timeZone}).
          </p>
          <ConfirmSubmit
            variant="secondary"
            className="shrink-0 text-danger"
            pendingText="Cancelling…"
            title={series.length ? 'Cancel your place in the whole series?' : 'Cancel your registration?'}
            description={`${workshop.title}, ${session.day}, ${session.time}. ${
              series.length ? 'Every remaining session is given up; the' : 'The'
            } seat goes to the next person waiting.`}
            confirm={series.length ? 'Cancel the series' : 'Cancel my place'}
            cancel="Keep it"
          >
            {series.length ? 'Cancel my registration for the whole series' : 'Cancel my registration'}
          </ConfirmSubmit>
        </Form>
      ) : active ? (
        <p className="text-sm text-muted">
          Cancellation closed on {deadline}; please contact {org.name}.
        </p>
      ) : null}
      <p className="border-t border-line pt-4 text-sm text-muted">
        Keep this page's address: it is your private link to this registration.
      </p>
    </main>
  );
}
