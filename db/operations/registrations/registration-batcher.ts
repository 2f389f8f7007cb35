import type { Database } from '../../client';
import { NaturalBatcher, type BatchExecutor } from '../../natural-batcher';
import { perDatabase } from '../../per-database';
import { registerBatch, type RegisteredOne, type SingleSessionRegistration } from './registration-batch';

/** Enough to take a crowd in a few calls, small enough that one call holds the session's lock briefly. */
export const MAX_REGISTRATION_BATCH = 100;

export interface SessionRegistrationBatcher {
  register(input: SingleSessionRegistration): Promise<RegisteredOne>;
  /** Sessions with a call in flight; none once every registration has been answered. */
  readonly busySessions: number;
}

/**
 * Registrations for one session are gathered while the previous call for that session is in flight
 * and then go in one call (registration-batch.ts, ADR 022). `execute` is replaceable so tests can
 * watch the calls go by.
 */
export function createSessionRegistrationBatcher(
  db: Database,
  options: { maxBatch?: number; execute?: BatchExecutor<SingleSessionRegistration, RegisteredOne> } = {},
): SessionRegistrationBatcher {
  const execute = options.execute ?? ((_key, items) => registerBatch(db, items));
  const batcher = new NaturalBatcher<SingleSessionRegistration, RegisteredOne>(
    execute,
    options.maxBatch ?? MAX_REGISTRATION_BATCH,
  );
  return {
    register: (input) => batcher.submit(`${input.orgId}:${input.session.id}`, input),
    get busySessions() {
      return batcher.busyKeys;
    },
  };
}

const sessionRegistrationBatcher = perDatabase((db) => createSessionRegistrationBatcher(db));

/**
 * Registers one person for one session in one database call: alone when nobody else is registering
 * for that session, else together with those who arrived while the previous call was in flight. The
 * session's row lock is held only while the database works, and once per batch, not per person.
 */
export function registerInOneCall(db: Database, input: SingleSessionRegistration): Promise<RegisteredOne> {
  return sessionRegistrationBatcher(db).register(input);
}
