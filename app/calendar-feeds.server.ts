import type { AppLoadContext } from '@remix-run/node';
import type { FeedContext } from '../db/operations/feeds/feed-events';
import type { Organization } from '../db/operations/accounts/organizations';

/** How far back a subscribed calendar still shows what happened: enough for "what did I book last month". */
const FEED_HISTORY_DAYS = 60;

export function feedOrganizer(
  context: AppLoadContext,
  org: Pick<Organization, 'name'>,
): { name: string; email: string } {
  return { name: org.name, email: context.config.EMAIL_FROM.match(/<([^>]+)>/)?.[1] ?? 'no-reply@infra24.local' };
}

export function feedContext(
  context: AppLoadContext,
  org: Pick<Organization, 'id' | 'name' | 'slug'>,
  now: Date,
): FeedContext {
  return {
    orgId: org.id,
    orgName: org.name,
    orgSlug: org.slug,
    baseUrl: context.config.publicUrl,
    organizer: feedOrganizer(context, org),
    since: new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000),
  };
}

/** A calendar as calendar apps expect it. Private feeds are never kept by shared caches. */
export function calendarResponse(body: string, audience: 'public' | 'private'): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
      'Cache-Control': audience === 'public' ? 'public, max-age=300' : 'private, max-age=300',
      ...(audience === 'private' ? { 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' } : {}),
    },
  });
}

/** The secret address of a feed, as a link (https) and as a subscription (webcal) that calendar apps open directly. */
export function feedUrls(context: AppLoadContext, orgSlug: string, token: string): { https: string; webcal: string } {
  const https = `${context.config.publicUrl.replace(/\/$/, '')}/${orgSlug}/calendar/${token}.ics`;
  return { https, webcal: https.replace(/^https?:\/\//, 'webcal://') };
}
