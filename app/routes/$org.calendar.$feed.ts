import type { LoaderFunctionArgs } from '@remix-run/node';
import { feedLastModified, publishFeed } from '../../core/calendar-feed';
import { resolveFeedToken } from '../../db/operations/feeds/calendar-feeds';
import { personalFeedEvents, resourceFeedEvents } from '../../db/operations/feeds/feed-events';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { findResource } from '../../db/operations/bookings/resources';
import { calendarResponse, feedContext } from '../calendar-feeds.server';
import { linkNotValidPage, wantsPage } from '../link-not-valid-page.server';
import { LINK_NOT_VALID_STATUS, SECRET_LINK_HEADERS } from '../secret-links.server';

const FEED_FILE = /^([A-Za-z0-9_-]{20,128})\.ics$/;

/**
 * A private calendar feed at `/:org/calendar/<token>.ics`. Calendar apps send no cookies: the token
 * is the credential. Anything that does not resolve to a live feed (unknown, reset, turned off, of
 * another organization, malformed) gets the same 404: a page in a browser, a line for an app.
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const org = await findOrganizationBySlug(context.db, params.org ?? '');
  const notFound = () =>
    wantsPage(request)
      ? linkNotValidPage('calendar-feed', org)
      : new Response('This calendar link is not valid.\n', {
          status: LINK_NOT_VALID_STATUS,
          headers: { ...SECRET_LINK_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
        });
  const token = FEED_FILE.exec(params.feed ?? '')?.[1];
  if (!token || !org) throw notFound();
  const now = new Date();
  const feed = await resolveFeedToken(context.db, org.id, token, now);
  if (!feed) throw notFound();
  const ctx = feedContext(context, org, now);
  if (feed.resourceId) {
    const resource = await findResource(context.db, org.id, feed.resourceId);
    if (!resource) throw notFound();
    const events = await resourceFeedEvents(context.db, ctx, resource.id);
    return calendarResponse(
      request,
      publishFeed(events, `${resource.title} — ${org.name}`),
      'private',
      feedLastModified(events),
    );
  }
  const events = await personalFeedEvents(context.db, ctx, feed.userId);
  return calendarResponse(
    request,
    publishFeed(events, `${org.name} — my calendar`),
    'private',
    feedLastModified(events),
  );
}
