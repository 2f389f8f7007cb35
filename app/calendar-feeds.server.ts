import { createHash } from 'node:crypto';
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

/** True when the client's If-None-Match names this entity tag (weak comparison, RFC 9110 §13.1.2). */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A calendar as calendar apps expect it. Private feeds are never kept by shared caches. The body
 * is the same bytes while nothing changed (DTSTAMP is each event's last change), so its hash is the
 * ETag and a poll with that tag gets a bodiless 304.
 */
export function calendarResponse(
  request: Request,
  body: string,
  audience: 'public' | 'private',
  lastModified?: Date,
): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers: Record<string, string> = {
    'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
    'Cache-Control': audience === 'public' ? 'public, max-age=300' : 'private, max-age=300',
    ETag: etag,
    ...(lastModified ? { 'Last-Modified': lastModified.toUTCString() } : {}),
    ...(audience === 'private' ? { 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' } : {}),
  };
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  headers['Content-Length'] = String(Buffer.byteLength(body, 'utf8'));
  return new Response(body, { headers });
}

/** The secret address of a feed, as a link (https) and as a subscription (webcal) that calendar apps open directly. */
export function feedUrls(context: AppLoadContext, orgSlug: string, token: string): { https: string; webcal: string } {
  const https = `${context.config.publicUrl.replace(/\/$/, '')}/${orgSlug}/calendar/${token}.ics`;
  return { https, webcal: https.replace(/^https?:\/\//, 'webcal://') };
}
