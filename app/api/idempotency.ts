import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from '../../core/idempotency';
import type { Database } from '../../db/client';
import { runIdempotently } from '../../db/operations/idempotency/idempotency-keys';
import { optionalActor, type ApiEnv } from './context';

/** Documents the optional header on the endpoints that honour it (it is checked by `idempotently`). */
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().optional().meta({
    description:
      'Any unique string (a UUID): a retry with the same key and body within 24 h returns the first answer without doing the work again; the same key with another body is refused (422).',
  }),
});

/**
 * Runs the route's one operation under the request's Idempotency-Key, if it sent one (ADR 026). Keys
 * belong to the API key that sent them, or to the organization's callers without a key.
 */
export async function idempotently<T>(
  c: Context<ApiEnv>,
  body: unknown,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const key = parseIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
  if (key === undefined) return work(c.get('db'));
  const answer = await runIdempotently(
    c.get('db'),
    {
      orgId: c.get('org').id,
      scope: optionalActor(c)?.id ?? 'public',
      key,
      method: c.req.method,
      path: c.req.path,
      body,
    },
    async (db) => ({ status: 200, body: await work(db) }),
  );
  if (answer.replayed) c.header('Idempotent-Replayed', 'true');
  return answer.body;
}
