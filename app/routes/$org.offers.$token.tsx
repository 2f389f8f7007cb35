import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from '@remix-run/react';
import { CalendarDays, Clock } from 'lucide-react';
import type { ReactNode } from 'react';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { acceptOffer, declineOffer, findOffer } from '../../db/operations/registrations/waitlist';
import { listSeriesGroup } from '../../db/operations/registrations/series-registrations';
import { requireSessionFacts } from '../../db/operations/workshops/workshop-sessions';
import { assertSameOrigin } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import { linkNotValid, secretLinkHeaders, whenLinkRefused } from '../secret-links.server';
import { errorTitle } from '../components/route-error';
import { orgTimeFormatter } from '../../core/time-format';
import { ConfirmSubmit } from '../components/confirm-submit';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Button } from '../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../components/ui/card';

export const meta: MetaFunction = ({ error }) => [
  { title: `${error ? errorTitle(error) : 'A seat is free'} — Infra24` },
  { name: 'robots', content: 'noindex' },
];

export const headers = secretLinkHeaders;

/** An answered offer spends its link: reloading would turn the answer into the not-valid page. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult?.done ? false : defaultShouldRevalidate;

async function orgOf({ params, context }: Pick<LoaderFunctionArgs, 'params' | 'context'>) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  return org;
}

/** Opening the link shows the offer; only the button answers it, so mail scanners cannot. */
export async function loader(args: LoaderFunctionArgs) {
  const org = await orgOf(args);
  // A form posted without JavaScript renders this page in the same request, after the answer spent the link.
  const answered = answeredInThisRequest.get(args.context);
  if (answered) return { org: { slug: org.slug, name: org.name }, offer: null, answered };
  const offer = await findOffer(args.context.db, org.id, args.params.token ?? '');
  // A lapsed offer the worker has not swept yet is as spent as an answered one.
  if (!offer?.sessionId || !offer.offerExpiresAt || offer.offerExpiresAt <= new Date()) linkNotValid('offer', org);
  const facts = await requireSessionFacts(args.context.db, org.id, offer.sessionId);
  const time = orgTimeFormatter(org);
  // A series offer holds a seat in every session the group waited for; one answer takes or gives up all.
  const sessions = offer.seriesGroupId
    ? (await listSeriesGroup(args.context.db, org.id, offer.seriesGroupId))
        .filter((r) => r.status === 'offered')
        .map((r) => time.longRange(r.startsAt, r.endsAt))
    : [time.longRange(facts.startsAt, facts.endsAt)];
  return {
    org: { slug: org.slug, name: org.name },
    offer: {
      name: offer.name,
      title: facts.title,
      series: offer.seriesGroupId !== null,
      sessions,
      expires: time.long(offer.offerExpiresAt!),
    },
    answered: null,
  };
}

type Answer = 'accepted' | 'declined';
/** Keyed by the load context, which the server makes once per HTTP request (app/web.server.ts). */
const answeredInThisRequest = new WeakMap<object, Answer>();

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const org = await orgOf(args);
  const token = args.params.token ?? '';
  const answer = (await args.request.formData()).get('answer');
  // Unknown, answered or lapsed: the link is spent, whichever button was pressed.
  const spent = whenLinkRefused('offer', org);
  try {
    let done: Answer;
    if (answer === 'accept') {
      await acceptOffer(args.context.db, { orgId: org.id, token }).catch(spent);
      done = 'accepted';
    } else {
      await declineOffer(args.context.db, { orgId: org.id, token, baseUrl: args.context.config.publicUrl }).catch(
        spent,
      );
      done = 'declined';
    }
    answeredInThisRequest.set(args.context, done);
    return { done, error: null };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ done: null, error: refusal.message }));
  }
}

/** The page's frame: one narrow column, its heading, and what follows. */
function OfferPage({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto flex w-full max-w-xl flex-col gap-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{title}</h1>
      {children}
    </main>
  );
}

function BackToWorkshops({ slug }: { slug: string }) {
  return (
    <Button asChild variant="secondary" className="self-start">
      <Link to={`/${slug}/workshops`}>See all workshops</Link>
    </Button>
  );
}

export default function Offer() {
  const { offer, org, answered } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result?.done ?? answered;
  if (done === 'accepted')
    return (
      <OfferPage title="The seat is yours">
        <Notice>You're registered. See you there! A confirmation is on its way by email.</Notice>
        <BackToWorkshops slug={org.slug} />
      </OfferPage>
    );
  if (done === 'declined' || !offer)
    return (
      <OfferPage title="Thanks for letting us know">
        <Notice tone="info">The seat goes to the next person on the waitlist.</Notice>
        <BackToWorkshops slug={org.slug} />
      </OfferPage>
    );
  const count = offer.sessions.length;
  return (
    <OfferPage title={`${offer.series ? 'The series has a seat for you' : 'A seat is free'}, ${offer.name}`}>
      <Card>
        <CardHeader>
          <CardTitle>{offer.title}</CardTitle>
          {offer.series ? <p className="text-sm text-muted">All {count} sessions of the series:</p> : null}
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ul aria-label={offer.series ? 'Sessions of the series' : 'Session'} className="flex flex-col gap-2">
            {offer.sessions.map((when) => (
              <li key={when} className="flex items-start gap-2 text-sm">
                <CalendarDays className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden />
                <span>{when}</span>
              </li>
            ))}
          </ul>
          <p className="flex items-start gap-2 text-sm text-muted">
            <Clock className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              This offer is yours until <strong className="text-ink">{offer.expires}</strong>; after that it goes to the
              next person on the waitlist.
            </span>
          </p>
        </CardContent>
      </Card>
      {result?.error ? (
        <Notice tone="danger" role="alert">
          {result.error}
        </Notice>
      ) : null}
      <Form method="post" className="flex flex-col gap-2 sm:flex-row">
        <SubmitButton name="answer" value="accept" pendingText="Accepting…">
          {offer.series ? 'Accept the series' : 'Accept the seat'}
        </SubmitButton>
        <ConfirmSubmit
          name="answer"
          value="decline"
          variant="secondary"
          pendingText="Declining…"
          title={offer.series ? 'Give up the seats in the series?' : 'Give up this seat?'}
          description={`${offer.title}: the ${offer.series ? 'seats go' : 'seat goes'} to the next person on the waitlist, and this offer cannot be taken back.`}
          confirm={offer.series ? 'Give up the series' : 'Give up the seat'}
          cancel="Keep the offer"
        >
          No thanks
        </ConfirmSubmit>
      </Form>
    </OfferPage>
  );
}
