import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { canSelfCancel, cancellationDeadline } from '../../core/workshops/policy';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { cancelRegistration, findRegistrationByToken } from '../../db/operations/registrations/registrations';
import { listSeriesGroup } from '../../db/operations/registrations/series-registrations';
import { requireSessionFacts } from '../../db/operations/workshops/workshop-sessions';
import { findWorkshop } from '../../db/operations/workshops/workshops';
import { assertSameOrigin } from '../guards.server';
import { sessionForDisplay, sessionLocation } from '../workshop-views.server';
import { answerDomainError } from '../page-errors.server';
import { orgTimeFormatter } from '../../core/time-format';

export const meta: MetaFunction = () => [
  { title: 'Your registration — Infra24' },
  { name: 'robots', content: 'noindex' },
];

async function registrationForToken({ params, context }: Pick<LoaderFunctionArgs, 'params' | 'context'>) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  const registration = org ? await findRegistrationByToken(context.db, org.id, params.token ?? '') : undefined;
  if (!org || !registration?.sessionId) throw new Response('This link is not valid', { status: 404 });
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
    return { error: null };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message }));
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

export default function ManageRegistration() {
  const { org, registration, workshop, session, location, canCancel, deadline, series } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page narrow">
      <h1>{HEADLINES[registration.status]}</h1>
      {registration.status === 'waitlisted' ? (
        <p>
          You are number <strong>{registration.position}</strong> on the waitlist.{' '}
          {series.length
            ? 'When a seat frees up in every session, we email you an offer for the whole series.'
            : 'If a seat frees up, we email you an offer.'}
        </p>
      ) : null}
      {registration.status === 'offered' ? (
        <p>Check your email for the link to accept it before the offer lapses.</p>
      ) : null}
      <p>
        <strong>
          <a href={`/${org.slug}/workshops/${workshop.slug}`}>{workshop.title}</a>
        </strong>
        <br />
        {session.day}, {session.time}
        <br />
        {location}
      </p>
      {series.length ? (
        <>
          <p>
            This registration is for the whole series ({series.length} session{series.length === 1 ? '' : 's'}):
          </p>
          <ul>
            {series.map((r) => (
              <li key={r.id}>
                {r.when} — {r.status}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted">
        {registration.name} · {registration.email}
      </p>
      {registration.status !== 'cancelled' ? (
        <p>
          <a href={session.icsUrl}>Add to calendar (.ics)</a> ·{' '}
          <a href={session.googleUrl} target="_blank" rel="noopener noreferrer">
            Google Calendar
          </a>
        </p>
      ) : null}
      <p className="muted">Keep this page's address: it is your private link to this registration.</p>
      {result?.error ? (
        <p className="error" role="alert">
          {result.error}
        </p>
      ) : null}
      {canCancel ? (
        <Form method="post">
          <p className="muted">
            You can cancel until {deadline} ({org.timeZone}).
          </p>
          <button type="submit" className="danger">
            {series.length ? 'Cancel my registration for the whole series' : 'Cancel my registration'}
          </button>
        </Form>
      ) : registration.status !== 'cancelled' ? (
        <p className="muted">
          Cancellation closed on {deadline}; please contact {org.name}.
        </p>
      ) : null}
    </main>
  );
}
