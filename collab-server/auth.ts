import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { hasRole } from '../core/actor';
import { sessionTokenFromCookieHeader } from '../core/session-cookie';
import type { Database } from '../db/client';
import { findMembershipByOrgId } from '../db/operations/memberships';
import { findSeason, parseSeasonDocumentName } from '../db/operations/seasons';
import { findSessionUser } from '../db/operations/sessions';

export interface CollabContext {
  userId: string;
  userName: string;
  orgId: string;
  seasonId: string;
}

/**
 * Every connection proves who it is with the session cookie, and every document name must be a
 * season of an organization where that person is staff or admin. Refusing here (not when loading)
 * keeps a forbidden document from ever being loaded.
 */
export function authentication(db: Database): Extension {
  return {
    extensionName: 'infra24-auth',
    async onAuthenticate({ requestHeaders, documentName, context }: onAuthenticatePayload<CollabContext>) {
      const token = sessionTokenFromCookieHeader(requestHeaders.get('cookie'));
      const user = token ? await findSessionUser(db, token) : undefined;
      if (!user) throw new Error('Sign in first');
      const target = parseSeasonDocumentName(documentName);
      if (!target) throw new Error('Not a season document');
      const membership = await findMembershipByOrgId(db, user.id, target.orgId);
      if (!membership || !hasRole({ type: 'user', id: user.id, role: membership.role }, 'staff')) throw new Error('Not allowed');
      if (!(await findSeason(db, target.orgId, target.seasonId))) throw new Error('No such season');
      Object.assign(context, { userId: user.id, userName: user.name, orgId: target.orgId, seasonId: target.seasonId } satisfies CollabContext);
    },
  };
}
