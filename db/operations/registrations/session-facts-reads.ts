import type { Database, Executor } from '../../client';
import { NaturalBatcher } from '../../natural-batcher';
import { perDatabase } from '../../per-database';
import { requireSessionFacts, type SessionFacts } from '../workshops/workshop-sessions';

/** Enough for a crowd in a few reads. */
const MAX_READERS_PER_READ = 100;

export interface SessionFactsReader {
  read(orgId: string, sessionId: string): Promise<SessionFacts>;
  /** Sessions with a read in flight; none once every caller has been answered. */
  readonly busySessions: number;
}

/**
 * Reads a session's facts once for everyone who asks while the previous read of that session is in
 * flight (ADR 022): a crowd registering for one session makes a few reads, not one each. Those who
 * wait get the next read, so every answer was read after its caller asked. `read` is replaceable so
 * tests can count the reads.
 */
export function createSessionFactsReader(
  db: Database,
  read: (db: Executor, orgId: string, sessionId: string) => Promise<SessionFacts> = requireSessionFacts,
): SessionFactsReader {
  const batcher = new NaturalBatcher<{ orgId: string; sessionId: string }, SessionFacts>(async (_key, askers) => {
    const facts = await read(db, askers[0].orgId, askers[0].sessionId);
    return askers.map(() => ({ status: 'fulfilled', value: facts }));
  }, MAX_READERS_PER_READ);
  return {
    read: (orgId, sessionId) => batcher.submit(`${orgId}:${sessionId}`, { orgId, sessionId }),
    get busySessions() {
      return batcher.busyKeys;
    },
  };
}

const sessionFactsReader = perDatabase((db) => createSessionFactsReader(db));

/** The session as registering needs it, read together with whoever registers for it at the same moment. */
export function readSessionFactsForRegistration(db: Database, orgId: string, sessionId: string): Promise<SessionFacts> {
  return sessionFactsReader(db).read(orgId, sessionId);
}
