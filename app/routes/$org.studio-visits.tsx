import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { describeMinutes, splitByLocalDay } from '../../core/free-slots';
import { fieldErrors, text } from '../../core/validation';
import { slotsOfType } from '../../db/operations/bookings/free-slots';
import { findMembershipByOrgId } from '../../db/operations/accounts/memberships';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { requestVisit } from '../../db/operations/bookings/visit-requests';
import { requestRefused, weekWindow } from '../booking-requests.server';
import { orgTimeFormatter } from '../time-format.server';
import { WeekNav } from '../components/week-nav';
import { assertSameOrigin } from '../guards.server';
import { getUser } from '../auth-session.server';
import { limitAttempt } from '../rate-limits.server';

export const meta: MetaFunction = () => [{ title: 'Studio visits — Infra24' }];

/** Anyone may look; members request any artist, everyone else only artists open to public requests. */
async function visitor(args: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(args.context.db, args.params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const user = await getUser(args.request, args.context);
  const member = user ? Boolean(await findMembershipByOrgId(args.context.db, user.id, org.id)) : false;
  return { org, user, member };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org, user, member } = await visitor(args);
  const now = new Date();
  const week = weekWindow(new URL(args.request.url).searchParams.get('week'), orgTimeFormatter(org), now);
  const artists = await slotsOfType(args.context.db, {
    orgId: org.id,
    type: 'person',
    visitsOnly: true,
    from: week.from,
    to: week.to,
    now,
  });
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    user: user ? { name: user.name, email: user.email } : null,
    member,
    week: { label: week.label, previous: week.previous, next: week.next },
    artists: artists.map(({ resource: artist, slots }) => ({
      id: artist.id,
      title: artist.title,
      length: describeMinutes(artist.visitMinutes ?? 0),
      notice: artist.minNoticeMinutes ? describeMinutes(artist.minNoticeMinutes) : null,
      canRequest: member || artist.allowPublicRequests,
      days: splitByLocalDay(slots, artist.timeZone).map((day) => ({
        date: day.date,
        label: orgTimeFormatter(org, artist.timeZone).calendarDayHeading(day.date),
        slots: day.intervals.map((slot) => ({
          startsAt: slot.start.toISOString(),
          label: orgTimeFormatter(org, artist.timeZone).time(slot.start),
        })),
      })),
    })),
  };
}

const requestSchema = z.object({
  resourceId: z.uuid('choose an artist'),
  startsAt: z.iso.datetime({ offset: true, error: 'choose a time' }),
  note: text().trim().max(1000, 'must be at most 1000 characters').optional(),
});
const guestSchema = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  email: z.email({ error: (issue) => (issue.input ? 'must be an email address' : 'is required') }).max(254),
});

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const { org, user, member } = await visitor(args);
  const form = Object.fromEntries(await args.request.formData());
  const parsed = requestSchema.safeParse(form);
  const guest = user ? undefined : guestSchema.safeParse(form);
  if (!parsed.success || (guest && !guest.success)) {
    const fields = {
      ...(parsed.success ? {} : fieldErrors(parsed.error)),
      ...(guest && !guest.success ? fieldErrors(guest.error) : {}),
    };
    return data(
      { ok: false as const, error: 'Check the highlighted fields', fields, resourceId: String(form.resourceId ?? '') },
      { status: 422 },
    );
  }
  const email = user?.email ?? guest!.data!.email;
  // Requests without an account cost nothing to send: each address and each email gets a few an hour.
  if (!user) {
    const limited = await limitAttempt(args.context, 'visitRequest', { email });
    if (limited)
      return data(
        {
          ok: false as const,
          error: `Too many requests; try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minutes`,
          fields: {},
          resourceId: parsed.data.resourceId,
        },
        { status: 429 },
      );
  }
  try {
    const booking = await requestVisit(args.context.db, {
      orgId: org.id,
      resourceId: parsed.data.resourceId,
      startsAt: new Date(parsed.data.startsAt),
      requester: user ? { userId: user.id, member } : { name: guest!.data!.name, email },
      requesterName: user?.name ?? guest!.data!.name,
      note: parsed.data.note,
    });
    if (user) return redirect(`/${org.slug}/dashboard/bookings?requested=${booking.id}`);
    return {
      ok: true as const,
      requested: { when: orgTimeFormatter(org).longRange(booking.startsAt, booking.endsAt), email },
      error: null,
      fields: {},
    };
  } catch (error) {
    return requestRefused(error, orgTimeFormatter(org), parsed.data.resourceId);
  }
}

export default function StudioVisits() {
  const { org, user, member, week, artists } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const failed = result && !result.ok ? result : undefined;
  // Errors belong to the artist whose form was sent; a wrong artist id is shown above them all.
  const error = (name: string, artistId?: string) => {
    const messages =
      failed && (artistId === undefined || failed.resourceId === artistId)
        ? (failed.fields as Record<string, string[] | undefined>)[name]
        : undefined;
    return messages ? (
      <p className="error" role="alert">
        {messages.join('; ')}
      </p>
    ) : null;
  };
  if (result?.ok) {
    return (
      <main className="page narrow">
        <h1>Request received</h1>
        <p>
          Your studio visit on <strong>{result.requested.when}</strong> waits for the team's approval. We will email{' '}
          {result.requested.email} either way.
        </p>
        <p>
          <Link to={`/${org.slug}/studio-visits`}>Back to studio visits</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="page">
      <h1>Studio visits at {org.name}</h1>
      <p className="muted">
        Times in {org.timeZone}. Every request waits for the team's approval.{' '}
        {user ? (
          <Link to={`/${org.slug}/dashboard/bookings`}>My bookings</Link>
        ) : (
          <Link to={`/login?redirectTo=/${org.slug}/studio-visits`}>Sign in</Link>
        )}
      </p>
      <WeekNav week={week} />
      {failed ? (
        <p className="error" role="alert">
          {failed.error}
        </p>
      ) : null}
      {error('resourceId')}
      {artists.length === 0 ? <p>No artists take studio visits here.</p> : null}
      {artists.map((artist) => (
        <section key={artist.id}>
          <h2>{artist.title}</h2>
          <p className="muted">
            Visits last {artist.length}
            {artist.notice ? `; request at least ${artist.notice} ahead` : ''}.
          </p>
          {artist.days.length === 0 ? (
            <p className="muted">No free visits this week.</p>
          ) : !artist.canRequest ? (
            <>
              <ul>
                {artist.days.map((day) => (
                  <li key={day.date}>
                    <strong>{day.label}</strong>: {day.slots.map((s) => s.label).join(', ')}
                  </li>
                ))}
              </ul>
              <p>
                {user ? (
                  'This artist takes requests from members of the organization only.'
                ) : (
                  <>
                    <Link to={`/login?redirectTo=/${org.slug}/studio-visits`}>Sign in</Link> to request a visit.
                  </>
                )}
              </p>
            </>
          ) : (
            <Form method="post">
              <input type="hidden" name="resourceId" value={artist.id} />
              <fieldset>
                <legend>Choose a time</legend>
                {artist.days.map((day) => (
                  <div key={day.date} className="slot-day">
                    <strong>{day.label}</strong>
                    {day.slots.map((slot) => (
                      <label key={slot.startsAt} className="slot">
                        <input
                          type="radio"
                          name="startsAt"
                          value={slot.startsAt}
                          required
                          aria-label={`${artist.title}, ${day.label}, ${slot.label}`}
                        />{' '}
                        {slot.label}
                      </label>
                    ))}
                  </div>
                ))}
                {error('startsAt', artist.id)}
              </fieldset>
              <div className="narrow">
                {user ? (
                  <p className="muted">
                    Requesting as {user.name} ({user.email}){member ? '' : ', not a member here'}.
                  </p>
                ) : (
                  <>
                    <div className="field">
                      <label htmlFor={`name-${artist.id}`}>Your name</label>
                      <input id={`name-${artist.id}`} name="name" autoComplete="name" required />
                      {error('name', artist.id)}
                    </div>
                    <div className="field">
                      <label htmlFor={`email-${artist.id}`}>Email</label>
                      <input id={`email-${artist.id}`} name="email" type="email" autoComplete="email" required />
                      {error('email', artist.id)}
                    </div>
                  </>
                )}
                <div className="field">
                  <label htmlFor={`note-${artist.id}`}>Note for the artist (optional)</label>
                  <textarea id={`note-${artist.id}`} name="note" maxLength={1000} rows={2} />
                  {error('note', artist.id)}
                </div>
                <button type="submit" disabled={busy}>
                  Request a visit
                </button>
              </div>
            </Form>
          )}
        </section>
      ))}
    </main>
  );
}
