import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { acceptOffer, declineOffer, findOffer } from '../../db/operations/registrations/waitlist';
import { listSeriesGroup } from '../../db/operations/registrations/series-registrations';
import { requireSessionFacts } from '../../db/operations/workshops/workshop-sessions';
import { assertSameOrigin } from '../guards.server';
import { answerDomainError } from '../page-errors.server';
import { orgTimeFormatter } from '../../core/time-format';

export const meta: MetaFunction = () => [{ title: 'A seat is free — Infra24' }, { name: 'robots', content: 'noindex' }];

async function orgOf({ params, context }: Pick<LoaderFunctionArgs, 'params' | 'context'>) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  return org;
}

/** Opening the link shows the offer; only the button answers it, so mail scanners cannot. */
export async function loader(args: LoaderFunctionArgs) {
  const org = await orgOf(args);
  const offer = await findOffer(args.context.db, org.id, args.params.token ?? '');
  if (!offer?.sessionId) return { offer: null, org: { name: org.name } };
  const facts = await requireSessionFacts(args.context.db, org.id, offer.sessionId);
  const time = orgTimeFormatter(org);
  // A series offer holds a seat in every session the group waited for; one answer takes or gives up all.
  const sessions = offer.seriesGroupId
    ? (await listSeriesGroup(args.context.db, org.id, offer.seriesGroupId))
        .filter((r) => r.status === 'offered')
        .map((r) => time.longRange(r.startsAt, r.endsAt))
    : [time.longRange(facts.startsAt, facts.endsAt)];
  return {
    org: { name: org.name },
    offer: {
      name: offer.name,
      title: facts.title,
      series: offer.seriesGroupId !== null,
      sessions,
      expires: time.long(offer.offerExpiresAt!),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request, args.context);
  const org = await orgOf(args);
  const token = args.params.token ?? '';
  const answer = (await args.request.formData()).get('answer');
  try {
    if (answer === 'accept') {
      await acceptOffer(args.context.db, { orgId: org.id, token });
      return { done: 'accepted' as const, error: null };
    }
    await declineOffer(args.context.db, { orgId: org.id, token, baseUrl: args.context.config.publicUrl });
    return { done: 'declined' as const, error: null };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ done: null, error: refusal.message }));
  }
}

export default function Offer() {
  const { offer, org } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.done === 'accepted')
    return (
      <main className="page narrow">
        <h1>The seat is yours</h1>
        <p>You're registered. See you there!</p>
      </main>
    );
  if (result?.done === 'declined')
    return (
      <main className="page narrow">
        <h1>Thanks for letting us know</h1>
        <p>The seat goes to the next person on the waitlist.</p>
      </main>
    );
  if (!offer)
    return (
      <main className="page narrow">
        <h1>This offer is no longer open</h1>
        <p>It was answered or has lapsed. Contact {org.name} if you think this is wrong.</p>
      </main>
    );
  return (
    <main className="page narrow">
      <h1>
        {offer.series ? 'The series has a seat for you' : 'A seat is free'}, {offer.name}
      </h1>
      <p>
        <strong>{offer.title}</strong>
        {offer.series ? ` — all ${offer.sessions.length} sessions:` : null}
      </p>
      <ul>
        {offer.sessions.map((when) => (
          <li key={when}>{when}</li>
        ))}
      </ul>
      <p>This offer is yours until {offer.expires}; after that it goes to the next person on the waitlist.</p>
      {result?.error ? (
        <p className="error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="post" className="row">
        <button type="submit" name="answer" value="accept">
          {offer.series ? 'Accept the series' : 'Accept the seat'}
        </button>
        <button type="submit" name="answer" value="decline" className="secondary">
          No thanks
        </button>
      </Form>
    </main>
  );
}
