import type { LoaderFunctionArgs } from '@remix-run/node';
import { laterOf } from '../../core/calendar-feed';
import { isAppError } from '../../core/errors';
import { descriptionToText } from '../../core/rich-text';
import { sessionIcs } from '../../core/workshops/calendar';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { requireSessionFacts } from '../../db/operations/workshops/workshop-sessions';
import { findWorkshop } from '../../db/operations/workshops/workshops';
import { feedOrganizer } from '../calendar-feeds.server';
import { absoluteUrl, catalogViewer, sessionLocation } from '../workshop-views.server';

/** "Add to calendar": one session as an .ics download (METHOD:PUBLISH, UID stable across moves). */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const facts = await requireSessionFacts(context.db, org.id, params.sessionId ?? '').catch((error) => {
    if (isAppError(error) && error.code === 'not_found') return undefined;
    throw error;
  });
  if (!facts?.publishedAt || facts.bookingStatus !== 'confirmed')
    throw new Response('No such session', { status: 404 });
  // A members-only workshop's session is there only for the organization's members.
  if (!facts.isPublic && (await catalogViewer(request, context, org.id)).audience !== 'member')
    throw new Response('No such session', { status: 404 });
  const workshop = await findWorkshop(context.db, org.id, facts.workshopId);
  const url = absoluteUrl(context, `/${org.slug}/workshops/${facts.slug}`);
  const ics = sessionIcs({
    sessionId: facts.id,
    title: facts.title,
    description: `${descriptionToText(workshop?.descriptionHtml ?? '', 1500)}\n\n${url}`.trim(),
    startsAt: facts.startsAt,
    endsAt: facts.endsAt,
    sequence: facts.sequence,
    updatedAt: laterOf(facts.bookingUpdatedAt, workshop?.updatedAt),
    location: sessionLocation(facts),
    url,
    organizer: feedOrganizer(context, org),
  });
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
      'Content-Disposition': `attachment; filename="${facts.slug}-${facts.id.slice(0, 8)}.ics"`,
      'Cache-Control': 'no-cache',
    },
  });
}
