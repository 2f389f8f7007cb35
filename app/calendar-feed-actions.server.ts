import { data, type AppLoadContext } from '@remix-run/node';
import { isAppError } from '../core/errors';
import { HTTP_STATUS } from './http-status';
import type { Actor } from '../core/actor';
import {
  findLiveFeed,
  issueFeed,
  revokeFeed,
  setFeedReplacesInvites,
  type CalendarFeed,
  type FeedScope,
} from '../db/operations/feeds/calendar-feeds';
import type { CalendarFeedState } from './components/calendar-feed-panel';
import { feedUrls } from './calendar-feeds.server';

export const FEED_INTENTS = ['feed-issue', 'feed-off', 'feed-invites-off', 'feed-invites-on'] as const;
export type FeedIntent = (typeof FEED_INTENTS)[number];

export const isFeedIntent = (intent: unknown): intent is FeedIntent => FEED_INTENTS.includes(intent as FeedIntent);

/** What the panel shows on page load: whether a feed is on, never its address. */
export async function feedStatus(context: AppLoadContext, scope: FeedScope): Promise<CalendarFeedState['live']> {
  const feed = await findLiveFeed(context.db, scope);
  return feed ? liveState(feed) : null;
}

function liveState(feed: CalendarFeed): NonNullable<CalendarFeedState['live']> {
  return {
    createdAt: feed.createdAt.toISOString(),
    lastUsedAt: feed.lastUsedAt?.toISOString() ?? null,
    ...(feed.resourceId ? {} : { replacesInvites: feed.replacesInvites }),
  };
}

/** Turn on / reset (one transaction revokes the old URL and issues the new one), or turn off. */
export async function runFeedIntent(
  context: AppLoadContext,
  intent: FeedIntent,
  scope: FeedScope & { actor: Actor },
  orgSlug: string,
) {
  try {
    if (intent === 'feed-off') {
      await revokeFeed(context.db, scope);
      return data<CalendarFeedState>({ live: null, issued: null, error: null });
    }
    if (intent === 'feed-invites-off' || intent === 'feed-invites-on') {
      const feed = await setFeedReplacesInvites(context.db, {
        ...scope,
        replacesInvites: intent === 'feed-invites-off',
      });
      return data<CalendarFeedState>({ live: liveState(feed), issued: null, error: null });
    }
    const { feed, token } = await issueFeed(context.db, scope);
    return data<CalendarFeedState>({
      live: liveState(feed),
      issued: feedUrls(context, orgSlug, token),
      error: null,
    });
  } catch (error) {
    if (isAppError(error))
      return data<CalendarFeedState>(
        { live: await feedStatus(context, scope), issued: null, error: error.message },
        { status: HTTP_STATUS[error.code] },
      );
    throw error;
  }
}
