import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ArrowLeft, CalendarDays, MapPin } from 'lucide-react';
import { descriptionToText } from '../../core/rich-text';
import { type RegistrationForm, registrationFormSchema } from '../../core/schemas/workshop';
import { orgTimeFormatter } from '../../core/time-format';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { registerForSession } from '../../db/operations/registrations/registrations';
import { findPublicWorkshop, isVisibleWorkshop } from '../../db/operations/workshops/workshop-catalog';
import { ErrorSummary } from '../components/forms/error-summary';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { eventsJsonLd, JsonLd } from '../components/json-ld';
import { Notice } from '../components/notice';
import { SeatsBadge } from '../components/seats-badge';
import { Badge } from '../components/ui/badge';
import { CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
import { cn } from '../components/ui/cn';
import { assertSameOrigin } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import { limitAttempt } from '../rate-limits.server';
import { absoluteUrl, catalogViewer, sessionForDisplay } from '../workshop-views.server';

/** The organization and who is looking; a members-only workshop is 404 to anyone but its members, as if it did not exist. */
async function viewerAt({ params, context, request }: Pick<LoaderFunctionArgs, 'params' | 'context' | 'request'>) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such workshop', { status: 404 });
  return { org, ...(await catalogViewer(request, context, org.id)) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org, user, audience } = await viewerAt(args);
  const workshop = await findPublicWorkshop(
    args.context.db,
    org.id,
    { slug: args.params.slug ?? '' },
    new Date(),
    audience,
  );
  if (!workshop) throw new Response('No such workshop', { status: 404 });
  const url = absoluteUrl(args.context, `/${org.slug}/workshops/${workshop.slug}`);
  const summary = descriptionToText(workshop.descriptionHtml, 220);
  return {
    org: { slug: org.slug, name: org.name, timeZone: org.timeZone },
    user: user ? { name: user.name, email: user.email } : null,
    workshop: {
      title: workshop.title,
      membersOnly: !workshop.isPublic,
      series: workshop.registrationMode === 'series',
      tags: workshop.tags,
      // Sanitized when saved and again by findPublicWorkshop on the way out.
      descriptionHtml: workshop.descriptionHtml,
      summary,
      url,
      sessions: workshop.sessions.map((s) => {
        const location = `${s.resourceTitle}, ${org.name}`;
        return {
          ...sessionForDisplay(s, {
            orgSlug: org.slug,
            time: orgTimeFormatter(org),
            title: workshop.title,
            descriptionHtml: workshop.descriptionHtml,
            location,
          }),
          location,
        };
      }),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Workshop not found — Infra24' }];
  const { workshop, org } = data;
  const title = `${workshop.title} — ${org.name}`;
  return [
    { title },
    { name: 'description', content: workshop.summary },
    { property: 'og:type', content: 'website' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: workshop.summary },
    { property: 'og:url', content: workshop.url },
    { tagName: 'link', rel: 'canonical', href: workshop.url },
  ];
};

/** The form's fields as their labels name them. */
const REGISTRATION_LABELS = { sessionId: 'Session', name: 'Your name', email: 'Email' };

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const { org, user, audience } = await viewerAt(args);
  // Registering needs only to know the page is visible; the session itself is checked by registerForSession.
  if (!(await isVisibleWorkshop(args.context.db, org.id, args.params.slug ?? '', audience)))
    throw new Response('No such workshop', { status: 404 });
  const formData = await args.request.formData();
  // Signed in, the account is who registers, whatever email the form sends.
  if (user) formData.set('email', user.email);
  const submission = parseWithZod(formData, { schema: registrationFormSchema });
  if (submission.status !== 'success')
    return data(
      { error: 'Check the highlighted fields', fields: submission.error ?? {}, result: submission.reply() },
      { status: 422 },
    );
  const { sessionId, name, email } = submission.value;
  const limited = await limitAttempt(args.context, 'registration', { email });
  if (limited) {
    const error = `Too many registrations; try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minutes`;
    return data({ error, fields: {}, result: submission.reply({ formErrors: [error] }) }, { status: 429 });
  }
  try {
    const { manageToken } = await registerForSession(args.context.db, {
      orgId: org.id,
      sessionId,
      name,
      email,
      userId: user?.id,
      audience,
      baseUrl: args.context.config.publicUrl,
    });
    return redirect(`/${org.slug}/registrations/${manageToken}`);
  } catch (error) {
    // A refusal about a field the form shows goes beside it; anything else (the session was cancelled,
    // a signed-in person is already registered) heads the form.
    const shown = user ? ['sessionId', 'name'] : ['sessionId', 'name', 'email'];
    return answerDomainError(error, (refusal) => {
      const fields = refusal.fields ?? {};
      const beside = Object.fromEntries(Object.entries(fields).filter(([name]) => shown.includes(name)));
      return {
        error: refusal.message,
        fields,
        result: submission.reply({
          fieldErrors: beside,
          formErrors: Object.keys(beside).length ? [] : [refusal.message.replace(/^\w+: /, '')],
        }),
      };
    });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Session = LoaderData['workshop']['sessions'][number];

const SECTION_CARD = 'rounded-lg border border-line bg-surface shadow-sm';

/** One upcoming session: when, where, how full, and links to put it in a calendar. */
function SessionRow({ session }: { session: Session }) {
  return (
    <li className="grid gap-x-4 gap-y-2 p-4 text-sm sm:grid-cols-[minmax(0,1fr)_auto]">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="flex items-start gap-2">
          <CalendarDays className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
          <span>
            <span className="font-medium">{session.day}</span>, {session.time}
          </span>
        </p>
        <p className="flex items-start gap-2 text-muted">
          <MapPin className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{session.location}</span>
        </p>
      </div>
      <div className="pl-6 sm:pl-0">
        <SeatsBadge seatsLeft={session.seatsLeft} waitlistLength={session.waitlistLength} />
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 pl-6">
        <a href={session.icsUrl} className="font-medium text-accent-text underline-offset-4 hover:underline">
          Add to calendar (.ics)
        </a>
        <a
          href={session.googleUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="font-medium text-accent-text underline-offset-4 hover:underline"
        >
          Google Calendar
        </a>
      </p>
    </li>
  );
}

/**
 * Checked on the server only, with the core schema: zod in the browser would weigh down this public
 * page. The form posts without JavaScript; the answer puts each error beside its field.
 */
function RegisterForm({ workshop, user }: Pick<LoaderData, 'workshop' | 'user'>) {
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<RegistrationForm>({
    id: 'registration',
    lastResult: answer?.result,
    defaultValue: { sessionId: workshop.sessions[0].id, name: user?.name ?? '' },
  });
  const session = fields.sessionId;
  const sessionInvalid = Boolean(session.errors?.length);
  const seriesFull = workshop.series && workshop.sessions.some((s) => !s.seatsLeft);
  const chosen = session.initialValue ?? workshop.sessions[0].id;
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
      <ErrorSummary form={form} labels={REGISTRATION_LABELS} />
      {workshop.series ? (
        <>
          <input type="hidden" name={session.name} value={workshop.sessions[0].id} />
          {seriesFull ? (
            <Notice tone="warning">
              The series is full: not every session has a seat left. Join its waitlist, and when a seat frees up in
              every session we email you an offer for the whole series.
            </Notice>
          ) : (
            <p className="text-sm">You are signing up for all {workshop.sessions.length} sessions listed here.</p>
          )}
          {sessionInvalid ? (
            <p id={session.errorId} className="text-sm font-medium text-danger">
              {session.errors?.join(' ')}
            </p>
          ) : null}
        </>
      ) : (
        <fieldset
          id={session.id}
          tabIndex={-1}
          aria-invalid={sessionInvalid || undefined}
          aria-describedby={sessionInvalid ? session.errorId : undefined}
          className="flex min-w-0 flex-col gap-2 outline-none"
        >
          <legend className="mb-1.5 text-sm font-medium">Session</legend>
          {workshop.sessions.map((s) => (
            <label
              key={s.id}
              className={cn(
                'flex cursor-pointer items-start gap-3 rounded-md border border-input bg-surface p-3 text-sm shadow-sm hover:bg-subtle',
                'has-[:checked]:border-accent has-[:checked]:ring-1 has-[:checked]:ring-accent',
                'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-2',
              )}
            >
              <input
                type="radio"
                name={session.name}
                value={s.id}
                defaultChecked={chosen === s.id}
                className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
              />
              <span className="flex min-w-0 flex-1 flex-col gap-1">
                <span>
                  <span className="font-medium">{s.day}</span>, {s.time}
                </span>
                {s.seatsLeft ? null : <span className="text-muted">Full: you join the waitlist</span>}
              </span>
            </label>
          ))}
          {sessionInvalid ? (
            <p id={session.errorId} className="text-sm font-medium text-danger">
              {session.errors?.join(' ')}
            </p>
          ) : null}
        </fieldset>
      )}
      <TextField meta={fields.name} label="Your name" autoComplete="name" />
      {user ? (
        <div className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium">Email</span>
          <p id="email" className="break-all">
            {user.email} <span className="text-muted">(signed in)</span>
          </p>
        </div>
      ) : (
        <TextField meta={fields.email} label="Email" type="email" autoComplete="email" />
      )}
      <SubmitButton pendingText={seriesFull ? 'Joining…' : 'Registering…'} className="w-full">
        {!workshop.series ? 'Register' : seriesFull ? 'Join the waitlist for the series' : 'Register for the series'}
      </SubmitButton>
      <p className="text-sm text-muted">
        {workshop.series
          ? 'The series is booked as a whole: when any session is full you wait for all of them together, and cancelling gives up every remaining session.'
          : 'When a session is full you join its waitlist; if a seat frees up we email you an offer.'}
      </p>
    </Form>
  );
}

export default function PublicWorkshop() {
  const { org, user, workshop } = useLoaderData<typeof loader>();
  const count = workshop.sessions.length;
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6">
      {workshop.membersOnly ? null : <JsonLd data={eventsJsonLd(org, [workshop])} />}
      <Link
        to={`/${org.slug}/workshops`}
        className="inline-flex items-center gap-1.5 self-start text-sm font-medium text-accent-text no-underline hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> All workshops
      </Link>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-1.5 empty:hidden">
          {workshop.membersOnly ? <Badge tone="info">Members only</Badge> : null}
          {workshop.series ? <Badge>Series of {count}</Badge> : null}
          {workshop.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
        <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{workshop.title}</h1>
        {workshop.membersOnly ? <p className="text-sm text-muted">Open to members of {org.name}.</p> : null}
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-8">
        <div className="flex min-w-0 flex-col gap-6">
          {workshop.series ? (
            <Notice tone="info">
              Registration is for the whole series ({count} session{count === 1 ? '' : 's'}).
            </Notice>
          ) : null}
          <div
            className="workshop-description"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: descriptionHtml is sanitized when it is published (ADR 012)
            dangerouslySetInnerHTML={{ __html: workshop.descriptionHtml }}
          />
          <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <h2 id="sessions-heading" className="text-xl font-semibold">
                Sessions
              </h2>
              <p className="text-sm text-muted">Times in {org.timeZone}</p>
            </div>
            {count === 0 ? (
              <p className="rounded-lg border border-dashed border-line p-4 text-sm text-muted">
                No upcoming sessions.
              </p>
            ) : (
              <ul aria-label="Sessions" className="divide-y divide-line rounded-lg border border-line bg-surface">
                {workshop.sessions.map((s) => (
                  <SessionRow key={s.id} session={s} />
                ))}
              </ul>
            )}
          </section>
        </div>
        {count ? (
          <section aria-labelledby="register-heading" className={cn(SECTION_CARD, 'lg:sticky lg:top-4')}>
            <CardHeader>
              <CardTitle as="h2" id="register-heading">
                Register
              </CardTitle>
              {user ? null : (
                <CardDescription>No account needed: we email you a private link to your registration.</CardDescription>
              )}
            </CardHeader>
            <CardContent>
              <RegisterForm workshop={workshop} user={user} />
            </CardContent>
          </section>
        ) : null}
      </div>
    </main>
  );
}
