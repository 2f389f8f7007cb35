import { signTimestamped } from '../core/signatures';
import type { Database } from '../db/client';
import type { OutboxRow } from '../db/operations/outbox-relay';
import { endpointsForTopic, type WebhookEndpoint } from '../db/operations/webhook-endpoints';
import { DeliveryError, parseRetryAfter } from './delivery-error';

/** Topics other systems may hear of. Account emails carry sign-in links and reminders are internal: never sent out. */
export function isPublicTopic(topic: string): boolean {
  return /^(booking|registration|session)\./.test(topic);
}

export function webhookBody(event: OutboxRow): string {
  return JSON.stringify({ id: event.id, topic: event.topic, occurredAt: event.createdAt.toISOString(), orgId: event.orgId, data: event.payload });
}

async function post(endpoint: WebhookEndpoint, event: OutboxRow, body: string, signal: AbortSignal, now: Date): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Infra24-Webhooks/1',
        // The outbox id is the idempotency key: a receiver that saw it already can ignore the repeat.
        'x-infra24-event-id': event.id,
        'x-infra24-topic': event.topic,
        'idempotency-key': event.id,
        'x-infra24-signature': signTimestamped(endpoint.secret, body, now),
      },
      body,
    });
  } catch (error) {
    throw new DeliveryError(`webhook ${endpoint.url}: ${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}`, { cause: error });
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    throw new DeliveryError(`webhook ${endpoint.url} answered ${response.status}`, {
      retryAfterMs: response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined,
    });
  }
}

const ENDPOINT_CACHE_MS = 1_000;
const endpointCache = new Map<string, { at: number; endpoints: Promise<WebhookEndpoint[]> }>();

/** Endpoints are read at most once a second per organization and topic: a change applies within a second. */
function cachedEndpoints(db: Database, orgId: string, topic: string): Promise<WebhookEndpoint[]> {
  const key = `${orgId} ${topic}`;
  const cached = endpointCache.get(key);
  if (cached && Date.now() - cached.at < ENDPOINT_CACHE_MS) return cached.endpoints;
  const endpoints = endpointsForTopic(db, orgId, topic);
  endpointCache.set(key, { at: Date.now(), endpoints });
  endpoints.catch(() => endpointCache.delete(key));
  return endpoints;
}

/**
 * POSTs the event to every endpoint that wants it. All are tried; if any failed the event is retried
 * as a whole, so an endpoint may see an id again: receivers deduplicate by id.
 */
export async function deliverToWebhooks(db: Database, event: OutboxRow, signal: AbortSignal, now: Date): Promise<void> {
  if (!isPublicTopic(event.topic)) return;
  const endpoints = await cachedEndpoints(db, event.orgId, event.topic);
  if (endpoints.length === 0) return;
  const body = webhookBody(event);
  const results = await Promise.allSettled(endpoints.map((endpoint) => post(endpoint, event, body, signal, now)));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as DeliveryError);
  if (failures.length > 0) {
    const retryAfterMs = Math.max(0, ...failures.map((f) => f.retryAfterMs ?? 0)) || undefined;
    throw new DeliveryError(failures.map((f) => f.message).join('; '), { retryAfterMs });
  }
}
