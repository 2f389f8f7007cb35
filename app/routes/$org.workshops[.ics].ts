import type { LoaderFunctionArgs } from '@remix-run/node';
import { laterOf } from '../../core/calendar-feed';
import { descriptionToText } from '../../core/rich-text';
import { sessionsFeed } from '../../core/workshops/calendar';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { listPublicWorkshops } from '../../db/operations/workshops/workshop-catalog';
import { calendarResponse, feedOrganizer } from '../calendar-feeds.server';
import { absoluteUrl } from '../workshop-views.server';

/** The public feed of an organization's upcoming published sessions: subscribe from Google, Apple, Outlook. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  if (!org) throw new Response('No such organization', { status: 404 });
  const workshops = await listPublicWorkshops(context.db, org.id, new Date());
  const organizer = feedOrganizer(context, org);
  const entries = workshops.flatMap((workshop) => {
    const url = absoluteUrl(context, `/${org.slug}/workshops/${workshop.slug}`);
    const description = `${descriptionToText(workshop.descriptionHtml, 1500)}\n\n${url}`.trim();
    return workshop.sessions.map((session) => ({
      sessionId: session.id,
      title: workshop.title,
      description,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      sequence: session.sequence,
      updatedAt: laterOf(session.updatedAt, workshop.updatedAt),
      location: `${session.resourceTitle}, ${org.name}`,
      url,
      organizer,
    }));
  });
  const lastModified = entries.reduce<Date | undefined>((latest, e) => laterOf(e.updatedAt, latest), undefined);
  return calendarResponse(request, sessionsFeed(entries, `${org.name} workshops`), 'public', lastModified);
}
