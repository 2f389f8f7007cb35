import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { SEAT_HOLDING_STATUSES } from '../../core/workshops/policy';
import type { Database } from '../client';
import { pgErrorInfo } from '../pg-errors';
import { manageUrl, registrationPayload, type Registration } from './registration-events';
import { hashToken, newToken } from './sessions';
import { normalizeEmail } from './users';
import { requireSessionFacts, type SessionFacts } from './workshop-sessions';

/** SQLSTATEs raised by register_for_session (migration 0009). */
const SESSION_GONE = 'I2404';
const SESSION_CANCELLED = 'I2409';
const SESSION_STARTED = 'I2410';
const SESSION_CHANGED = 'I2412';
const ATTEMPTS = 3;

export interface SingleSessionRegistration {
  orgId: string;
  session: SessionFacts;
  userId: string | null;
  email: string;
  name: string;
  baseUrl: string;
  now: Date;
}

interface FunctionRow {
  registered_status: 'registered' | 'waitlisted';
  registered_position: number | null;
  registrant_id: string;
}

/**
 * Registers one person for one session in a single database call (`register_for_session`): the
 * session's row lock is held only while the database works, never across a round trip to this
 * process, so a crowd registering for one session queues for microseconds, not milliseconds.
 * Both possible event payloads are built here, so their shape has one author (registration-events.ts).
 */
export async function registerInOneCall(db: Database, input: SingleSessionRegistration): Promise<{ registration: Registration; manageToken: string }> {
  let session = input.session;
  for (let attempt = 1; ; attempt++) {
    try {
      return await callRegisterFunction(db, input, session);
    } catch (error) {
      const code = pgErrorInfo(error)?.code;
      if (code === SESSION_CHANGED && attempt < ATTEMPTS) {
        session = await requireSessionFacts(db, input.orgId, session.id);
        continue;
      }
      if (code === SESSION_GONE) throw new AppError('not_found', `No workshop session ${session.id} open for registration`);
      if (code === SESSION_CANCELLED) throw new AppError('invalid_state', 'This session was cancelled');
      if (code === SESSION_STARTED) throw new AppError('invalid_state', 'This session has already started; registration is closed');
      throw error;
    }
  }
}

async function callRegisterFunction(db: Database, input: SingleSessionRegistration, session: SessionFacts) {
  const manageToken = newToken();
  const link = manageUrl(input.baseUrl, session.orgSlug, manageToken);
  const draft: Registration = {
    id: randomUUID(), orgId: input.orgId, workshopId: session.workshopId, sessionId: session.id, userId: input.userId,
    email: input.email, name: input.name, status: 'registered', waitlistPosition: null, offerExpiresAt: null,
    manageTokenHash: hashToken(manageToken), offerTokenHash: null, seriesGroupId: null, registeredAt: input.now, cancelledAt: null, metadata: {},
  };
  const confirmedPayload = registrationPayload(draft, session, link);
  // The position is filled in by the database, which alone knows it.
  const waitlistedPayload = registrationPayload({ ...draft, status: 'waitlisted', waitlistPosition: 0 }, session, link);
  const result = await db.execute(sql`
    select * from register_for_session(
      ${input.orgId}::uuid, ${session.id}::uuid, ${draft.id}::uuid, ${input.userId}::uuid, ${normalizeEmail(input.email)}, ${input.email}, ${input.name},
      ${draft.manageTokenHash}, ${input.now.toISOString()}::timestamptz, ${session.sequence}::integer,
      string_to_array(${SEAT_HOLDING_STATUSES.join(',')}, ','),
      ${JSON.stringify(confirmedPayload)}::jsonb, ${JSON.stringify(waitlistedPayload)}::jsonb)`);
  const row = result.rows[0] as unknown as FunctionRow;
  const registration: Registration = { ...draft, status: row.registered_status, waitlistPosition: row.registered_position, userId: row.registrant_id };
  return { registration, manageToken };
}
