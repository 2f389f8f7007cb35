import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { descriptionToText } from '../../core/rich-text';
import { registrationInputSchema } from '../../core/schemas/workshop';
import { fieldErrors } from '../../core/validation';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { registerForSession } from '../../db/operations/registrations/registrations';
import { findPublicWorkshop, isVisibleWorkshop } from '../../db/operations/workshops/workshop-catalog';
import { eventsJsonLd, JsonLd } from '../components/json-ld';
import { assertSameOrigin } from '../guards.server';
import { limitAttempt } from '../rate-limits.server';
import { orgTimeFormatter } from '../../core/time-format';
import { absoluteUrl, catalogViewer, sessionForDisplay } from '../workshop-views.server';
import { answerDomainError } from '../page-errors.server';

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

const registerFormSchema = registrationInputSchema.extend({ sessionId: z.uuid('choose a session') });

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const { org, user, audience } = await viewerAt(args);
  // Registering needs only to know the page is visible; the session itself is checked by registerForSession.
  if (!(await isVisibleWorkshop(args.context.db, org.id, args.params.slug ?? '', audience)))
    throw new Response('No such workshop', { status: 404 });
  const form = Object.fromEntries(await args.request.formData());
  const parsed = registerFormSchema.safeParse({ ...form, ...(user ? { email: user.email } : {}) });
  if (!parsed.success)
    return data({ error: 'Check the highlighted fields', fields: fieldErrors(parsed.error) }, { status: 422 });
  const { sessionId, name, email } = parsed.data;
  const limited = await limitAttempt(args.context, 'registration', { email });
  if (limited)
    return data(
      {
        error: `Too many registrations; try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minutes`,
        fields: {},
      },
      { status: 429 },
    );
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
    return answerDomainError(error, (refusal) => ({ error: refusal.message, fields: refusal.fields ?? {} }));
  }
}

export default function PublicWorkshop() {
  const { org, user, workshop } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const seriesFull = workshop.series && workshop.sessions.some((s) => !s.seatsLeft);
  const fields: Record<string, string[]> = result?.fields ?? {};
  return (
    <main className="page">
      {workshop.membersOnly ? null : <JsonLd data={eventsJsonLd(org, [workshop])} />}
      <p>
        <Link to={`/${org.slug}/workshops`}>← All workshops</Link>
      </p>
      <h1>{workshop.title}</h1>
      {workshop.membersOnly ? (
        <p>
          <span className="badge members-only">Members only</span>{' '}
          <span className="muted">Open to members of {org.name}.</span>
        </p>
      ) : null}
      {workshop.series ? (
        <p className="notice">
          Registration is for the whole series ({workshop.sessions.length} session
          {workshop.sessions.length === 1 ? '' : 's'}).
        </p>
      ) : null}
      {workshop.tags.length ? <p className="muted">{workshop.tags.join(' · ')}</p> : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: descriptionHtml is sanitized when it is published (ADR 012) */}
      <div className="workshop-description" dangerouslySetInnerHTML={{ __html: workshop.descriptionHtml }} />

      <h2>Sessions</h2>
      <p className="muted">Times in {org.timeZone}.</p>
      {workshop.sessions.length === 0 ? (
        <p>No upcoming sessions.</p>
      ) : (
        <ul>
          {workshop.sessions.map((s) => (
            <li key={s.id}>
              <strong>{s.day}</strong>, {s.time} · {s.location} ·{' '}
              {s.seatsLeft
                ? `${s.seatsLeft} seat${s.seatsLeft === 1 ? '' : 's'} left`
                : `full — ${s.waitlistLength} on the waitlist`}{' '}
              · <a href={s.icsUrl}>Add to calendar (.ics)</a> ·{' '}
              <a href={s.googleUrl} target="_blank" rel="noopener noreferrer">
                Google Calendar
              </a>
            </li>
          ))}
        </ul>
      )}

      {workshop.sessions.length ? (
        <>
          <h2>Register</h2>
          {result?.error ? (
            <p className="error" role="alert">
              {result.error}
            </p>
          ) : null}
          <Form method="post" className="narrow">
            {workshop.series ? (
              <>
                <input type="hidden" name="sessionId" value={workshop.sessions[0].id} />
                {seriesFull ? (
                  <p role="status">
                    The series is full: not every session has a seat left. Join its waitlist, and when a seat frees up
                    in every session we email you an offer for the whole series.
                  </p>
                ) : (
                  <p>You are signing up for all {workshop.sessions.length} sessions listed above.</p>
                )}
                {fields.sessionId ? <p className="error">{fields.sessionId.join('; ')}</p> : null}
              </>
            ) : (
              <fieldset>
                <legend>Session</legend>
                {workshop.sessions.map((s, index) => (
                  <label key={s.id} className="block">
                    <input type="radio" name="sessionId" value={s.id} defaultChecked={index === 0} /> {s.day}, {s.time}{' '}
                    {s.seatsLeft ? '' : '(join the waitlist)'}
                  </label>
                ))}
                {fields.sessionId ? <p className="error">{fields.sessionId.join('; ')}</p> : null}
              </fieldset>
            )}
            <div className="field">
              <label htmlFor="name">Your name</label>
              <input id="name" name="name" autoComplete="name" required defaultValue={user?.name ?? ''} />
              {fields.name ? <p className="error">{fields.name.join('; ')}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="email">Email</label>
              {user ? (
                <p id="email">
                  {user.email} <span className="muted">(signed in)</span>
                </p>
              ) : (
                <input id="email" name="email" type="email" autoComplete="email" required />
              )}
              {fields.email ? <p className="error">{fields.email.join('; ')}</p> : null}
            </div>
            <button type="submit" disabled={busy}>
              {!workshop.series
                ? 'Register'
                : seriesFull
                  ? 'Join the waitlist for the series'
                  : 'Register for the series'}
            </button>
            <p className="muted">
              {workshop.series
                ? 'The series is booked as a whole: when any session is full you wait for all of them together, and cancelling gives up every remaining session.'
                : 'When a session is full you join its waitlist; if a seat frees up we email you an offer.'}
            </p>
          </Form>
        </>
      ) : null}
    </main>
  );
}
