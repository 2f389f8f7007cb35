import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { Executor } from '../client';
import { webhookEndpoints } from '../schema/index';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export async function createWebhookEndpoint(
  db: Executor,
  input: { orgId: string; url: string; secret: string; topics: string[] },
): Promise<WebhookEndpoint> {
  const [endpoint] = await db.insert(webhookEndpoints).values(input).returning();
  return endpoint;
}

export function listWebhookEndpoints(db: Executor, orgId: string): Promise<WebhookEndpoint[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(asc(webhookEndpoints.createdAt));
}

export async function deleteWebhookEndpoint(db: Executor, orgId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new AppError('not_found', `No webhook endpoint ${id} in this organization`);
}

/** The active endpoints that want `topic`: those listing it, or listing no topic at all (everything). */
export async function endpointsForTopic(db: Executor, orgId: string, topic: string): Promise<WebhookEndpoint[]> {
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.active, true)));
  return endpoints.filter((endpoint) => endpoint.topics.length === 0 || endpoint.topics.includes(topic));
}
