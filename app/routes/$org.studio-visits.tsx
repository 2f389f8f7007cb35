import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { describeMinutes, splitByLocalDay } from '../../core/free-slots';
import {
  type GuestVisitRequest,
  guestVisitRequestSchema,
  visitRequestSchema,
} from '../../core/schemas/booking-request';
import { slotsOfType } from '../../db/operations/bookings/free-slots';
import { findMembershipByOrgId } from '../../db/operations/accounts/memberships';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { requestVisit } from '../../db/operations/bookings/visit-requests';
import { requestRefused, weekWindow } from '../booking-requests.server';
import { orgTimeFormatter } from '../../core/time-format';
import { ErrorSummary } from '../components/forms/error-summary';
import { type FormCheck, useChecksOnDemand } from '../components/forms/use-checks-on-demand';
import { TextareaField, TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Button } from '../components/ui/button';
import { CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
import { cn } from '../components/ui/cn';
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

/** The form's fields as their labels name them; the artist is the form itself, so its error goes in the summary. */
const REQUEST_LABELS = { startsAt: 'Time', name: 'Your name', email: 'Email', note: 'Note for the artist' };
const SHOWN_FIELDS = Object.keys(REQUEST_LABELS);

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const { org, user, member } = await visitor(args);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: user ? visitRequestSchema : guestVisitRequestSchema });
  if (submission.status !== 'success') {
    const fields = submission.error ?? {};
    return data(
      {
        ok: false as const,
        error: 'Check the highlighted fields',
        fields,
        resourceId: String(formData.get('resourceId') ?? ''),
        result: submission.reply(
          fields.resourceId ? { formErrors: [`Artist: ${fields.resourceId.join(' ')}`] } : undefined,
        ),
      },
      { status: 422 },
    );
  }
  const request = submission.value;
  // Signed in, the form has no name or email: the account is who asks.
  const guest = user ? undefined : (request as GuestVisitRequest);
  const email = user?.email ?? guest!.email;
  // Requests without an account cost nothing to send: each address and each email gets a few an hour.
  if (!user) {
    const limited = await limitAttempt(args.context, 'visitRequest', { email });
    if (limited)
      return data(
        {
          ok: false as const,
          error: `Too many requests; try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minutes`,
          fields: {},
          resourceId: request.resourceId,
          result: submission.reply({
            formErrors: [`Too many requests; try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minutes`],
          }),
        },
        { status: 429 },
      );
  }
  try {
    const booking = await requestVisit(args.context.db, {
      orgId: org.id,
      resourceId: request.resourceId,
      startsAt: new Date(request.startsAt),
      requester: user ? { userId: user.id, member } : { name: guest!.name, email },
      requesterName: user?.name ?? guest!.name,
      note: request.note,
    });
    if (user) return redirect(`/${org.slug}/dashboard/bookings?requested=${booking.id}`);
    return {
      ok: true as const,
      requested: { when: orgTimeFormatter(org).longRange(booking.startsAt, booking.endsAt), email },
      error: null,
      fields: {},
    };
  } catch (error) {
    return requestRefused(error, orgTimeFormatter(org), {
      resourceId: request.resourceId,
      submission,
      shownFields: SHOWN_FIELDS,
    });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Artist = LoaderData['artists'][number];

// The schemas reach the browser only once a form is touched (useChecksOnDemand), with zod.
const loadVisitCheck = () => import('../components/forms/request-checks').then((checks) => checks.checkVisitRequest);
const loadGuestVisitCheck = () =>
  import('../components/forms/request-checks').then((checks) => checks.checkGuestVisitRequest);

/** A result that empties a form: another artist's answer must not leave old messages here. */
const CLEARED: SubmissionResult = { initialValue: null };

const SECTION_CARD = 'rounded-lg border border-line bg-surface shadow-sm';

/** One artist's slot picker and request form (each artist is a form of its own). */
function VisitRequestForm({
  artist,
  user,
  member,
  lastResult,
}: {
  artist: Artist;
  user: LoaderData['user'];
  member: boolean;
  lastResult: SubmissionResult | undefined;
}) {
  // Signed in, the form has no name or email (the account is who asks); the guest's type names the fields either way.
  const checks = useChecksOnDemand(
    (user ? loadVisitCheck : loadGuestVisitCheck) as () => Promise<FormCheck<GuestVisitRequest>>,
  );
  const [form, fields] = useForm<GuestVisitRequest>({ id: `visit-${artist.id}`, lastResult, ...checks.options });
  const time = fields.startsAt;
  const timeInvalid = Boolean(time.errors?.length);
  return (
    <Form method="post" {...getFormProps(form)} {...checks.formProps} className="flex flex-col gap-5">
      <ErrorSummary form={form} labels={REQUEST_LABELS} />
      <input type="hidden" name="resourceId" value={artist.id} />
      <fieldset
        id={time.id}
        tabIndex={-1}
        aria-invalid={timeInvalid || undefined}
        aria-describedby={timeInvalid ? time.errorId : undefined}
        className="flex min-w-0 flex-col gap-1 outline-none"
      >
        <legend className="mb-2 text-sm font-medium">Choose a time</legend>
        <div className="flex flex-col divide-y divide-line">
          {artist.days.map((day) => (
            <div key={day.date} className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center sm:gap-4">
              <span className="text-sm font-medium sm:w-52 sm:shrink-0">{day.label}</span>
              <span className="flex flex-wrap gap-2">
                {day.slots.map((slot) => (
                  <label
                    key={slot.startsAt}
                    className={cn(
                      'relative inline-flex h-8 cursor-pointer items-center rounded-md border border-input bg-surface px-3 text-sm font-medium shadow-sm',
                      'hover:bg-subtle has-[:checked]:border-accent has-[:checked]:bg-accent has-[:checked]:text-accent-foreground',
                      'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-2',
                    )}
                  >
                    <input
                      type="radio"
                      name={time.name}
                      value={slot.startsAt}
                      defaultChecked={time.initialValue === slot.startsAt}
                      required
                      aria-label={`${artist.title}, ${day.label}, ${slot.label}`}
                      className="absolute inset-0 size-full cursor-pointer appearance-none opacity-0"
                    />
                    {slot.label}
                  </label>
                ))}
              </span>
            </div>
          ))}
        </div>
        {timeInvalid ? (
          <p id={time.errorId} className="text-sm font-medium text-danger">
            {time.errors?.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <div className="flex max-w-xl flex-col gap-4">
        {user ? (
          <p className="text-sm text-muted">
            Requesting as {user.name} ({user.email}){member ? '' : ', not a member here'}.
          </p>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField meta={fields.name} label="Your name" autoComplete="name" />
            <TextField meta={fields.email} label="Email" type="email" autoComplete="email" />
          </div>
        )}
        <TextareaField meta={fields.note} label="Note for the artist (optional)" rows={2} />
        <SubmitButton pendingText="Sending…" className="self-start">
          Request a visit
        </SubmitButton>
      </div>
    </Form>
  );
}

export default function StudioVisits() {
  const { org, user, member, week, artists } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // The answer goes to the form of the artist it is about; every other form is cleared.
  const results = useMemo(
    () =>
      new Map(
        artists.map((artist) => [
          artist.id,
          answer && !answer.ok ? (answer.resourceId === artist.id ? answer.result : CLEARED) : undefined,
        ]),
      ),
    [answer, artists],
  );
  const stray = answer && !answer.ok && !artists.some((a) => a.id === answer.resourceId) ? answer.error : null;
  if (answer?.ok) {
    return (
      <main className="mx-auto flex w-full max-w-xl flex-col gap-6 px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Request received</h1>
        <Notice>
          Your studio visit on <strong>{answer.requested.when}</strong> waits for the team's approval. We will email{' '}
          {answer.requested.email} either way.
        </Notice>
        <Button asChild variant="secondary" className="self-start">
          <Link to={`/${org.slug}/studio-visits`}>Back to studio visits</Link>
        </Button>
      </main>
    );
  }
  const signInLink = `/login?redirectTo=/${org.slug}/studio-visits`;
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Studio visits</h1>
          <p className="text-sm text-muted">
            At {org.name}. Times in {org.timeZone}. Every request waits for the team's approval.
          </p>
        </div>
        <Button asChild variant="secondary" size="sm" className="self-start sm:self-auto">
          {user ? (
            <Link to={`/${org.slug}/dashboard/bookings`}>My bookings</Link>
          ) : (
            <Link to={signInLink}>Sign in</Link>
          )}
        </Button>
      </div>
      <WeekNav week={week} />
      {stray ? (
        <Notice tone="danger" role="alert">
          {stray}
        </Notice>
      ) : null}
      {artists.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line p-4 text-sm text-muted">
          No artists take studio visits here.
        </p>
      ) : null}
      {artists.map((artist) => (
        <section key={artist.id} aria-labelledby={`artist-${artist.id}`} className={SECTION_CARD}>
          <CardHeader>
            <CardTitle as="h2" id={`artist-${artist.id}`}>
              {artist.title}
            </CardTitle>
            <CardDescription>
              Visits last {artist.length}
              {artist.notice ? `; request at least ${artist.notice} ahead` : ''}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {artist.days.length === 0 ? (
              <p className="text-sm text-muted">No free visits this week.</p>
            ) : !artist.canRequest ? (
              <div className="flex flex-col gap-3">
                <ul className="flex flex-col divide-y divide-line">
                  {artist.days.map((day) => (
                    <li key={day.date} className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:gap-4">
                      <span className="font-medium sm:w-52 sm:shrink-0">{day.label}</span>
                      <span className="text-muted">{day.slots.map((s) => s.label).join(', ')}</span>
                    </li>
                  ))}
                </ul>
                <p className="text-sm">
                  {user ? (
                    'This artist takes requests from members of the organization only.'
                  ) : (
                    <>
                      <Link to={signInLink} className="font-medium text-accent-text">
                        Sign in
                      </Link>{' '}
                      to request a visit.
                    </>
                  )}
                </p>
              </div>
            ) : (
              <VisitRequestForm artist={artist} user={user} member={member} lastResult={results.get(artist.id)} />
            )}
          </CardContent>
        </section>
      ))}
    </main>
  );
}
