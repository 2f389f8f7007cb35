import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Database, Executor } from '../../client';
import { pgErrorInfo, UNIQUE_VIOLATION } from '../../pg-errors';
import { calendarFeeds, memberships } from '../../schema/index';
import { recordAudit } from '../audit';
import { hashToken, newToken } from '../accounts/auth-sessions';

export type CalendarFeed = typeof calendarFeeds.$inferSelect;

/** Whose feed: a person's own calendar (`resourceId` null) or, for staff, one resource's bookings. */
export interface FeedScope {
  orgId: string;
  userId: string;
  resourceId: string | null;
}

const STAFF_ROLES = ['staff', 'admin'] as const;

function scopeConditions(scope: FeedScope) {
  return and(
    eq(calendarFeeds.orgId, scope.orgId),
    eq(calendarFeeds.userId, scope.userId),
    scope.resourceId ? eq(calendarFeeds.resourceId, scope.resourceId) : isNull(calendarFeeds.resourceId),
    isNull(calendarFeeds.revokedAt),
  );
}

/** The live feed of this scope, if any (its URL cannot be shown again: only the token's hash is kept). */
export async function findLiveFeed(db: Executor, scope: FeedScope): Promise<CalendarFeed | undefined> {
  const [feed] = await db.select().from(calendarFeeds).where(scopeConditions(scope));
  return feed;
}

const actorOf = (scope: FeedScope, actor?: Actor): Actor =>
  actor ?? { type: 'user', id: scope.userId, role: 'resident' };

/**
 * Issues a new secret URL for the scope: the old one (if any) is revoked in the same transaction,
 * so "reset link" never leaves two live URLs nor none. Returns the token, shown once.
 */
export async function issueFeed(
  db: Database,
  input: FeedScope & { actor?: Actor; now?: Date },
): Promise<{ feed: CalendarFeed; token: string }> {
  const now = input.now ?? new Date();
  const token = newToken();
  try {
    return await db.transaction(async (tx) => {
      const revoked = await tx
        .update(calendarFeeds)
        .set({ revokedAt: now })
        .where(scopeConditions(input))
        .returning({ id: calendarFeeds.id, replacesInvites: calendarFeeds.replacesInvites });
      const [feed] = await tx
        .insert(calendarFeeds)
        .values({
          orgId: input.orgId,
          userId: input.userId,
          resourceId: input.resourceId,
          tokenHash: hashToken(token),
          createdAt: now,
          // A reset keeps the person's choice between the feed and emailed invites.
          replacesInvites: revoked.some((r) => r.replacesInvites),
        })
        .returning();
      await recordAudit(tx, {
        orgId: input.orgId,
        actor: actorOf(input, input.actor),
        action: revoked.length ? 'calendar_feed.reset' : 'calendar_feed.created',
        entityType: 'calendar_feed',
        entityId: feed.id,
        after: { resourceId: input.resourceId, replaced: revoked.map((r) => r.id) },
      });
      return { feed, token };
    });
  } catch (error) {
    // Two resets at the same moment: the other one won; its URL is the live one.
    const info = pgErrorInfo(error);
    if (info?.code === UNIQUE_VIOLATION && info.constraint === 'calendar_feeds_active_unique') {
      throw new AppError('conflict', 'A new calendar link was issued a moment ago; reload the page');
    }
    throw error;
  }
}

/**
 * A person who subscribes to their own feed can stop the emailed invites, so no event shows twice
 * (two calendars, one UID). Only while the feed is on: turning it off brings the invites back.
 */
export async function setFeedReplacesInvites(
  db: Database,
  input: FeedScope & { actor?: Actor; replacesInvites: boolean },
): Promise<CalendarFeed> {
  if (input.resourceId)
    throw new AppError('validation', 'replacesInvites: only a personal calendar can stand in for emailed invites');
  return db.transaction(async (tx) => {
    const [feed] = await tx
      .update(calendarFeeds)
      .set({ replacesInvites: input.replacesInvites })
      .where(scopeConditions(input))
      .returning();
    if (!feed) throw new AppError('invalid_state', 'Turn the calendar link on first');
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: actorOf(input, input.actor),
      action: 'calendar_feed.invites_changed',
      entityType: 'calendar_feed',
      entityId: feed.id,
      after: { replacesInvites: input.replacesInvites },
    });
    return feed;
  });
}

/** Turns the feed off: its URL answers 404 from now on. True when there was one to turn off. */
export async function revokeFeed(db: Database, input: FeedScope & { actor?: Actor; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: now })
      .where(scopeConditions(input))
      .returning({ id: calendarFeeds.id });
    for (const { id } of revoked) {
      await recordAudit(tx, {
        orgId: input.orgId,
        actor: actorOf(input, input.actor),
        action: 'calendar_feed.revoked',
        entityType: 'calendar_feed',
        entityId: id,
        after: { resourceId: input.resourceId },
      });
    }
    return revoked.length > 0;
  });
}

/**
 * The live feed a URL's token stands for in this organization, or undefined: unknown, revoked,
 * another organization's, or a resource feed whose creator is no longer staff there (checked at
 * every use, so demoting someone silences the URLs they handed out). Notes when it was last read.
 */
export async function resolveFeedToken(
  db: Executor,
  orgId: string,
  token: string,
  now = new Date(),
): Promise<CalendarFeed | undefined> {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(
      and(
        eq(calendarFeeds.orgId, orgId),
        eq(calendarFeeds.tokenHash, hashToken(token)),
        isNull(calendarFeeds.revokedAt),
      ),
    );
  if (!feed) return undefined;
  if (feed.resourceId) {
    const [staff] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(
        and(
          eq(memberships.orgId, orgId),
          eq(memberships.userId, feed.userId),
          inArray(memberships.role, [...STAFF_ROLES]),
        ),
      );
    if (!staff) return undefined;
  }
  // Calendar apps poll every few minutes: one cheap write, skipped while the last note is recent.
  await db
    .update(calendarFeeds)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(calendarFeeds.id, feed.id),
        sql`(${calendarFeeds.lastUsedAt} is null or ${calendarFeeds.lastUsedAt} < ${new Date(now.getTime() - 60_000)})`,
      ),
    );
  return feed;
}
