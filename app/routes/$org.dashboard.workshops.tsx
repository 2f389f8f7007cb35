import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { canSelfCancel, DEFAULT_CANCELLATION_CUTOFF_HOURS } from '../../core/workshops/policy';
import { cancelRegistration, listUserRegistrations } from '../../db/operations/registrations/registrations';
import { requireUserAt } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import { orgTimeFormatter } from '../time-format.server';

export const meta: MetaFunction = () => [{ title: 'My workshops — Infra24' }];

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
  const parsed = z.object({ registrationId: z.uuid() }).safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: 'Choose a registration to cancel' }, { status: 422 });
  try {
    await cancelRegistration(args.context.db, {
      orgId: org.id,
      registrationId: parsed.data.registrationId,
      userId: user.id,
      baseUrl: args.context.config.publicUrl,
    });
    return { error: null };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message }), { unauthorized: 403 });
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number];

function Registrations({ rows, busy }: { rows: Row[]; busy: boolean }) {
  return (
    <ul className="roster-list">
      {rows.map((r) => (
        <li key={r.id} className="roster-person">
          <div>
            <strong>
              <Link to={`../../workshops/${r.slug}`} relative="path">
                {r.title}
              </Link>
            </strong>{' '}
            {r.series ? <span className="badge">series</span> : null}{' '}
            <span className={`badge ${r.status}`}>
              {r.status === 'waitlisted' ? `waitlist #${r.position}` : r.status.replace('_', '-')}
            </span>
            <div className="muted">
              {r.when} · {r.room}
            </div>
          </div>
          <div className="roster-actions">
            {r.upcoming && r.status !== 'cancelled' ? <a href={r.icsUrl}>Add to calendar</a> : null}
            {r.canCancel ? (
              <Form method="post">
                <input type="hidden" name="registrationId" value={r.id} />
                <button
                  type="submit"
                  className="secondary"
                  disabled={busy}
                  aria-label={`Cancel ${r.title}${r.series ? ' (whole series)' : ''}`}
                >
                  {r.series ? 'Cancel series' : 'Cancel'}
                </button>
              </Form>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default function MyWorkshops() {
  const { org, cutoff, upcoming, past } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <main className="page">
      <h1>My workshops at {org.name}</h1>
      <p className="muted">
        Times in {org.timeZone}. You can cancel until {cutoff} hours before a session.{' '}
        <Link to={`/${org.slug}/workshops`}>Find workshops</Link> ·{' '}
        <Link to={`/${org.slug}/dashboard/calendar`}>Subscribe to my calendar</Link>
      </p>
      {result?.error ? (
        <p className="error" role="alert">
          {result.error}
        </p>
      ) : null}
      <h2>Upcoming</h2>
      {upcoming.length ? <Registrations rows={upcoming} busy={busy} /> : <p className="muted">Nothing coming up.</p>}
      <h2>Past</h2>
      {past.length ? <Registrations rows={past} busy={busy} /> : <p className="muted">Nothing yet.</p>}
    </main>
  );
}
