import { sameSecret } from '../core/signatures';
import type { beforeHandleMessagePayload, Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { sessionTokenFromCookieHeader } from '../db/operations/accounts/session-cookie';
import type { Database } from '../db/client';
import { findStaffSessions } from '../db/operations/accounts/staff-sessions';
import { findSeason } from '../db/operations/seasons/seasons';
import { findSessionUser } from '../db/operations/accounts/auth-sessions';
import { SERVICE_TOKEN_PREFIX } from '../core/draft/access';
import { parseSeasonDocumentName } from '../core/draft/document-name';
import { RollCall } from './roll-call';
import { Standing } from './standing';

export interface CollabContext {
  /** The signed-in person, or null for the web process's service connection (ADR 013). */
  userId: string | null;
  userName: string;
  orgId: string;
  seasonId: string;
  /** The session a person connected with, checked again while the connection lasts. */
  sessionToken?: string;
  /** When the session and role were found good at connection (ms since the epoch); Standing keeps it from then on. */
  checkedAt?: number;
}

/** Hocuspocus sends an error's `reason` to the client, which tells it why it was refused. */
function refused(reason: string): Error {
  return Object.assign(new Error(reason), { reason });
}

/** True when this session is signed in as a staff or admin member of the organization (the roll call's own check). */
async function isStaffSession(db: Database, sessionToken: string | undefined, orgId: string): Promise<boolean> {
  if (!sessionToken) return false;
  return (await findStaffSessions(db, orgId, [sessionToken])).has(sessionToken);
}

/**
 * Every connection proves who it is: a browser with the session cookie, the web process with the
 * shared service token. Either way the document name must be a season that exists, and a person
 * must be staff or admin of its organization. Refusing here (not when loading) keeps a forbidden
 * document from ever being loaded.
 */
export function authentication(db: Database, options: { serviceToken?: string } = {}): Extension {
  /** Each person's connection, checked again while it lasts (collab-server/standing.ts). */
  const standings = new WeakMap<Partial<CollabContext>, Standing>();
  const rollCall = new RollCall(db);
  return {
    extensionName: 'infra24-auth',
    async onAuthenticate({ token, requestHeaders, documentName, context }: onAuthenticatePayload<CollabContext>) {
      // Who is asking: the web process (service token) or a signed-in person (session cookie).
      let identity: Pick<CollabContext, 'userId' | 'userName' | 'sessionToken'>;
      if (token?.startsWith(SERVICE_TOKEN_PREFIX)) {
        const expected = options.serviceToken;
        if (!expected || !sameSecret(token.slice(SERVICE_TOKEN_PREFIX.length), expected))
          throw refused('Wrong service token');
        identity = { userId: null, userName: 'Infra24' };
      } else {
        const sessionToken = sessionTokenFromCookieHeader(requestHeaders.get('cookie'));
        const user = sessionToken ? await findSessionUser(db, sessionToken) : undefined;
        if (!user) throw refused('Sign in first');
        identity = { userId: user.id, userName: user.name, sessionToken };
      }
      const target = parseSeasonDocumentName(documentName);
      if (!target) throw refused('Not a season document');
      if (identity.userId !== null && !(await isStaffSession(db, identity.sessionToken, target.orgId)))
        throw refused('Not allowed');
      if (!(await findSeason(db, target.orgId, target.seasonId))) throw refused('No such season');
      Object.assign(context, {
        ...identity,
        orgId: target.orgId,
        seasonId: target.seasonId,
        checkedAt: Date.now(),
      } satisfies CollabContext);
    },
    // A person's connection outlives their session and role unless checked again: a signed-out or
    // demoted member's open board must stop writing the draft. Throwing closes the connection
    // before the message is applied; the provider's reconnection is then refused at onAuthenticate.
    async beforeHandleMessage({ context, connection }: beforeHandleMessagePayload) {
      const person = context as Partial<CollabContext>;
      if (!person.userId) return;
      let check = standings.get(person);
      if (!check) {
        const refusal = () => Object.assign(refused('Signed out or no longer allowed'), { code: 4401 });
        check = new Standing(
          async (waiting) =>
            !!person.sessionToken &&
            (await rollCall.staffUser(person.orgId!, person.sessionToken, { waiting })) === person.userId,
          (error) => connection.close({ code: 4401, reason: error.message } as CloseEvent),
          refusal,
          person.checkedAt ?? 0,
        );
        standings.set(person, check);
      }
      await check.beforeMessage();
    },
  };
}
