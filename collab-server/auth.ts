import { createHash, timingSafeEqual } from 'node:crypto';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { hasRole } from '../core/actor';
import { sessionTokenFromCookieHeader } from '../core/session-cookie';
import type { Database } from '../db/client';
import { findMembershipByOrgId } from '../db/operations/accounts/memberships';
import { findSeason } from '../db/operations/seasons/seasons';
import { findSessionUser } from '../db/operations/accounts/auth-sessions';
import { SERVICE_TOKEN_PREFIX } from '../core/draft/access';
import { parseSeasonDocumentName } from '../core/draft/document-name';

export interface CollabContext {
  /** The signed-in person, or null for the web process's service connection (ADR 013). */
  userId: string | null;
  userName: string;
  orgId: string;
  seasonId: string;
}

/** Constant-time, whatever the lengths: both sides are hashed to the same size first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Hocuspocus sends an error's `reason` to the client, which tells it why it was refused. */
function refused(reason: string): Error {
  return Object.assign(new Error(reason), { reason });
}

/**
 * Every connection proves who it is: a browser with the session cookie, the web process with the
 * shared service token. Either way the document name must be a season that exists, and a person
 * must be staff or admin of its organization. Refusing here (not when loading) keeps a forbidden
 * document from ever being loaded.
 */
export function authentication(db: Database, options: { serviceToken?: string } = {}): Extension {
  return {
    extensionName: 'infra24-auth',
    async onAuthenticate({ token, requestHeaders, documentName, context }: onAuthenticatePayload<CollabContext>) {
      // Who is asking: the web process (service token) or a signed-in person (session cookie).
      let identity: Pick<CollabContext, 'userId' | 'userName'>;
      if (token?.startsWith(SERVICE_TOKEN_PREFIX)) {
        const expected = options.serviceToken;
        if (!expected || !sameSecret(token.slice(SERVICE_TOKEN_PREFIX.length), expected))
          throw refused('Wrong service token');
        identity = { userId: null, userName: 'Infra24' };
      } else {
        const sessionToken = sessionTokenFromCookieHeader(requestHeaders.get('cookie'));
        const user = sessionToken ? await findSessionUser(db, sessionToken) : undefined;
        if (!user) throw refused('Sign in first');
        identity = { userId: user.id, userName: user.name };
      }
      const target = parseSeasonDocumentName(documentName);
      if (!target) throw refused('Not a season document');
      if (identity.userId !== null) {
        const membership = await findMembershipByOrgId(db, identity.userId, target.orgId);
        if (!membership || !hasRole({ type: 'user', id: identity.userId, role: membership.role }, 'staff'))
          throw refused('Not allowed');
      }
      if (!(await findSeason(db, target.orgId, target.seasonId))) throw refused('No such season');
      Object.assign(context, { ...identity, orgId: target.orgId, seasonId: target.seasonId } satisfies CollabContext);
    },
  };
}
