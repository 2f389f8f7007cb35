import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import { NOTHING_ALLOWED, webhookUrlProblem, type WebhookAllowList } from '../../../core/webhook-addresses';
import type { Executor } from '../../client';
import { webhookEndpoints } from '../../schema/index';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/**
 * Adds an endpoint; without a `secret`, a fresh signing secret is generated (read it from the result).
 * A URL at a literal loopback or private address is refused unless `allowedHosts` (WEBHOOK_ALLOWED_HOSTS) lets it.
 */
export async function createWebhookEndpoint(
  db: Executor,
  input: { orgId: string; url: string; secret?: string; topics: string[]; allowedHosts?: WebhookAllowList },
): Promise<WebhookEndpoint> {
  const { allowedHosts, ...values } = input;
  const problem = webhookUrlProblem(values.url, allowedHosts ?? NOTHING_ALLOWED);
  if (problem) throw new AppError('validation', `url: ${problem}`, { fields: { url: [problem] } });
  const secret = values.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({ ...values, secret })
    .returning();
  return endpoint;
}

export function listWebhookEndpoints(db: Executor, orgId: string): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.orgId, orgId))
    .orderBy(asc(webhookEndpoints.createdAt));
}

export async function deleteWebhookEndpoint(db: Executor, orgId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new AppError('not_found', `No webhook endpoint ${id} in this organization`);
}

/** An organization's active endpoints, whatever topics they want. (Async: a real promise, run once however often awaited.) */
export async function activeWebhookEndpoints(db: Executor, orgId: string): Promise<WebhookEndpoint[]> {
  return await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.active, true)));
}

/** Does the endpoint want `topic`: it lists it, or lists no topic at all (everything)? */
export function wantsTopic(endpoint: WebhookEndpoint, topic: string): boolean {
  return endpoint.topics.length === 0 || endpoint.topics.includes(topic);
}
