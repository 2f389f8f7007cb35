import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import { canonicalJson, IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_TTL_MS } from '../../../core/idempotency';
import type { Database, Executor } from '../../client';
import { DEADLOCK_DETECTED, pgErrorInfo } from '../../pg-errors';
import { idempotencyKeys } from '../../schema/index';

export interface IdempotentRequest {
  orgId: string;
  /** Whose key: an API key's id, or "public" for callers without one. */
  scope: string;
  key: string;
  /** What the request asked for; the same key with another request is refused. */
  method: string;
  path: string;
  body: unknown;
  now?: Date;
}

export interface StoredAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A statement failed inside the transaction; it can only be started over whole. */
const IN_FAILED_TRANSACTION = '25P02';
const SERIALIZATION_FAILURE = '40001';
const RESTARTABLE = new Set([IN_FAILED_TRANSACTION, SERIALIZATION_FAILURE, DEADLOCK_DETECTED]);
const ATTEMPTS = 3;

function fingerprint(request: IdempotentRequest): string {
  return createHash('sha256')
    .update(`${request.method.toUpperCase()} ${request.path}\n${canonicalJson(request.body)}`)
    .digest('hex');
}

/**
 * Runs `work` once per key (ADR 026). The key is claimed by a row inserted in the same transaction as
 * the work and its answer stored there too, so a crash leaves both or neither. A second request with the
 * same key waits on that row until the first commits, then gets the stored answer (`replayed`); if the
 * first failed, its transaction took the claim with it and the second does the work. Only successful
 * answers are kept: a refused request wrote nothing, so trying it again is safe.
 */
export async function runIdempotently<T>(
  db: Database,
  request: IdempotentRequest,
  work: (tx: Database) => Promise<StoredAnswer<T>>,
): Promise<StoredAnswer<T> & { replayed: boolean }> {
  const now = request.now ?? new Date();
  const expired = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  const claim = { orgId: request.orgId, scope: request.scope, key: request.key, fingerprint: fingerprint(request) };
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // A key older than a day is forgotten, even before the worker prunes it: claiming it starts afresh.
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ ...claim, createdAt: now })
          .onConflictDoUpdate({
            target: [idempotencyKeys.orgId, idempotencyKeys.scope, idempotencyKeys.key],
            set: { fingerprint: claim.fingerprint, createdAt: now, responseStatus: null, responseBody: null },
            setWhere: lt(idempotencyKeys.createdAt, expired),
          })
          .returning({ key: idempotencyKeys.key });
        if (claimed.length === 0) return replay<T>(tx, claim);
        const answer = await work(tx as unknown as Database);
        await tx
          .update(idempotencyKeys)
          .set({ responseStatus: answer.status, responseBody: answer.body as object })
          .where(keyIs(claim));
        return { ...answer, replayed: false };
      });
    } catch (error) {
      const code = pgErrorInfo(error)?.code;
      if (code && RESTARTABLE.has(code) && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

function keyIs(claim: { orgId: string; scope: string; key: string }) {
  return and(
    eq(idempotencyKeys.orgId, claim.orgId),
    eq(idempotencyKeys.scope, claim.scope),
    eq(idempotencyKeys.key, claim.key),
  );
}

async function replay<T>(
  tx: Executor,
  claim: { orgId: string; scope: string; key: string; fingerprint: string },
): Promise<StoredAnswer<T> & { replayed: boolean }> {
  const [stored] = await tx.select().from(idempotencyKeys).where(keyIs(claim));
  if (!stored || stored.responseStatus === null) {
    // Only possible if the row was pruned or claimed again between the two statements.
    throw new AppError('conflict', `${IDEMPOTENCY_HEADER}: a request with this key is still in progress; retry it`, {
      fields: { [IDEMPOTENCY_HEADER]: ['is in use by a request still in progress'] },
    });
  }
  if (stored.fingerprint !== claim.fingerprint) {
    throw new AppError(
      'validation',
      `${IDEMPOTENCY_HEADER}: this key was already used for a different request; send a new key for a new request`,
      { fields: { [IDEMPOTENCY_HEADER]: ['was already used for a different request'] } },
    );
  }
  return { status: stored.responseStatus, body: stored.responseBody as T, replayed: true };
}

/** Forgets keys older than a day (the worker's sweep). */
export async function pruneIdempotencyKeys(db: Executor, now: Date): Promise<number> {
  const pruned = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return pruned.length;
}
