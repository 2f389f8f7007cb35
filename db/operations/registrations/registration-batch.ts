import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import { SEAT_HOLDING_STATUSES } from '../../../core/workshops/policy';
import type { Database } from '../../client';
import { pgErrorInfo } from '../../pg-errors';
import { manageUrl, registrationPayload, type Registration } from './registration-events';
import { hashToken, newToken } from '../accounts/auth-sessions';
import { normalizeEmail } from '../accounts/users';
import { requireSessionFacts, type SessionFacts } from '../workshops/workshop-sessions';

/** SQLSTATEs raised by register_batch_for_session (migration 0011); they concern the whole session. */
const SESSION_GONE = 'I2404';
const SESSION_CANCELLED = 'I2409';
const SESSION_STARTED = 'I2410';
const SESSION_CHANGED = 'I2412';
const INTEGRITY_CLASS = '23';
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

export interface RegisteredOne {
  registration: Registration;
  manageToken: string;
}

export type BatchOutcome = PromiseSettledResult<RegisteredOne>;

interface FunctionRow {
  registration_id: string;
  registered_status: 'registered' | 'waitlisted' | 'duplicate';
  registered_position: number | null;
  registrant_id: string;
}

/** The one wording of "already registered", whether the index refused it in a batch or in a transaction. */
export function alreadyRegistered(email: string): AppError {
  return new AppError('conflict', `email: ${email} is already registered for this session`, {
    fields: { email: ['is already registered for this session'] },
  });
}

/**
 * Registers several people for one session (all `items` share the organization and the session) in
 * one database call, in the order given. Someone already registered fails alone (`alreadyRegistered`);
 * a session that is gone, cancelled or started throws, for everyone. A session changed since it was
 * read is read again, so the event payloads, built here by `registrationPayload`, tell the current time.
 */
export async function registerBatch(db: Database, items: SingleSessionRegistration[]): Promise<BatchOutcome[]> {
  const drafts = items.map(draftRegistration);
  // Callers read the session at different moments: start from the newest reading.
  let session = items.reduce(
    (newest, item) => (item.session.sequence > newest.sequence ? item.session : newest),
    items[0].session,
  );
  for (let attempt = 1; ; attempt++) {
    try {
      return await callBatchFunction(db, items, drafts, session);
    } catch (error) {
      const code = pgErrorInfo(error)?.code;
      if (code === SESSION_CHANGED && attempt < ATTEMPTS) {
        session = await requireSessionFacts(db, items[0].orgId, session.id);
        continue;
      }
      if (code === SESSION_GONE)
        throw new AppError('not_found', `No workshop session ${session.id} open for registration`);
      if (code === SESSION_CANCELLED) throw new AppError('invalid_state', 'This session was cancelled');
      if (code === SESSION_STARTED)
        throw new AppError('invalid_state', 'This session has already started; registration is closed');
      // Another integrity error (say, a signed-in account deleted a moment ago) comes from one item: each goes alone, so only it fails.
      if (code?.startsWith(INTEGRITY_CLASS) && items.length > 1) return registerOneByOne(db, items);
      throw error;
    }
  }
}

async function registerOneByOne(db: Database, items: SingleSessionRegistration[]): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for (const item of items) {
    try {
      const [outcome] = await registerBatch(db, [item]);
      outcomes.push(outcome);
    } catch (error) {
      outcomes.push({ status: 'rejected', reason: error });
    }
  }
  return outcomes;
}

interface Draft {
  registration: Registration;
  manageToken: string;
}

function draftRegistration(item: SingleSessionRegistration): Draft {
  const manageToken = newToken();
  const registration: Registration = {
    id: randomUUID(),
    orgId: item.orgId,
    workshopId: item.session.workshopId,
    sessionId: item.session.id,
    userId: item.userId,
    email: item.email,
    name: item.name,
    status: 'registered',
    waitlistPosition: null,
    offerExpiresAt: null,
    manageTokenHash: hashToken(manageToken),
    offerTokenHash: null,
    seriesGroupId: null,
    registeredAt: item.now,
    cancelledAt: null,
    metadata: {},
  };
  return { registration, manageToken };
}

async function callBatchFunction(
  db: Database,
  items: SingleSessionRegistration[],
  drafts: Draft[],
  session: SessionFacts,
): Promise<BatchOutcome[]> {
  const payloadItems = drafts.map(({ registration, manageToken }, i) => {
    const link = manageUrl(items[i].baseUrl, session.orgSlug, manageToken);
    return {
      registration: registration.id,
      user: registration.userId,
      userEmail: normalizeEmail(registration.email),
      email: registration.email,
      name: registration.name,
      manageTokenHash: registration.manageTokenHash,
      registeredAt: registration.registeredAt.toISOString(),
      confirmedPayload: registrationPayload(registration, session, link),
      // The position is filled in by the database, which alone knows it.
      waitlistedPayload: registrationPayload(
        { ...registration, status: 'waitlisted', waitlistPosition: 0 },
        session,
        link,
      ),
    };
  });
  // "Has it started" is asked once for the batch, at the latest moment any of its callers gave.
  const now = new Date(Math.max(...items.map((item) => item.now.getTime())));
  const result = await db.execute(sql`
    select * from register_batch_for_session(
      ${items[0].orgId}::uuid, ${session.id}::uuid, ${now.toISOString()}::timestamptz, ${session.sequence}::integer,
      string_to_array(${SEAT_HOLDING_STATUSES.join(',')}, ','), ${JSON.stringify(payloadItems)}::jsonb)`);
  const rows = new Map((result.rows as unknown as FunctionRow[]).map((row) => [row.registration_id, row]));
  return drafts.map(({ registration, manageToken }): BatchOutcome => {
    const row = rows.get(registration.id);
    if (!row)
      return {
        status: 'rejected',
        reason: new Error(`register_batch_for_session said nothing of registration ${registration.id}`),
      };
    if (row.registered_status === 'duplicate')
      return { status: 'rejected', reason: alreadyRegistered(registration.email) };
    return {
      status: 'fulfilled',
      value: {
        registration: {
          ...registration,
          status: row.registered_status,
          waitlistPosition: row.registered_position,
          userId: row.registrant_id,
        },
        manageToken,
      },
    };
  });
}
