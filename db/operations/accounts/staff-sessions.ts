import { and, eq, gt, inArray } from 'drizzle-orm';
import { hasRole } from '../../../core/actor';
import type { Executor } from '../../client';
import { authSessions, memberships, ROLES } from '../../schema/index';
import { hashToken } from './auth-sessions';

/** The most session tokens one query checks. */
export const MOST_SESSIONS_PER_CHECK = 500;

const STAFF_ROLES = ROLES.filter((role) => hasRole({ type: 'user', id: null, role }, 'staff'));

/**
 * Of these session tokens, the ones still signed in (not expired) as a staff or admin member of the
 * organization, each with its user's id: one query for every co-editor of a season draft.
 */
export async function findStaffSessions(
  db: Executor,
  orgId: string,
  tokens: readonly string[],
  now = new Date(),
): Promise<Map<string, string>> {
  if (tokens.length > MOST_SESSIONS_PER_CHECK)
    throw new RangeError(`at most ${MOST_SESSIONS_PER_CHECK} sessions a check, not ${tokens.length}`);
  const tokenOf = new Map(tokens.map((token) => [hashToken(token), token]));
  if (!tokenOf.size) return new Map();
  const rows = await db
    .select({ tokenHash: authSessions.tokenHash, userId: authSessions.userId })
    .from(authSessions)
    .innerJoin(memberships, and(eq(memberships.userId, authSessions.userId), eq(memberships.orgId, orgId)))
    .where(
      and(
        inArray(authSessions.tokenHash, [...tokenOf.keys()]),
        gt(authSessions.expiresAt, now),
        inArray(memberships.role, STAFF_ROLES),
      ),
    );
  return new Map(rows.map((row) => [tokenOf.get(row.tokenHash)!, row.userId]));
}
