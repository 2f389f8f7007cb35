import http from 'node:http';
import https from 'node:https';
import { signTimestamped } from '../core/signatures';
import type { Database } from '../db/client';
import type { OutboxRow } from '../db/operations/outbox/outbox-relay';
import {
  activeWebhookEndpoints,
  wantsTopic,
  type WebhookEndpoint,
} from '../db/operations/integrations/webhook-endpoints';
import { DeliveryError, parseRetryAfter } from './delivery-error';

/** Topics other systems may hear of. Account emails carry sign-in links and reminders are internal: never sent out. */
function isPublicTopic(topic: string): boolean {
  return /^(booking|registration|session)\./.test(topic);
}

function webhookBody(event: OutboxRow): string {
  return JSON.stringify({
    id: event.id,
    topic: event.topic,
    occurredAt: event.createdAt.toISOString(),
    orgId: event.orgId,
    data: event.payload,
  });
}

// node:http with kept-alive sockets: far less CPU per request than fetch, which matters at 1,000+ events/s.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};
const WEBHOOK_TIMEOUT_MS = 10_000;

function request(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<{ status: number; retryAfter?: string }> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers,
        agent: agents[url.protocol as 'http:' | 'https:'],
        signal,
        timeout: WEBHOOK_TIMEOUT_MS,
      },
      (res) => {
        res.resume(); // the body is not needed; reading it frees the socket for the next event
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function post(
  endpoint: WebhookEndpoint,
  event: OutboxRow,
  body: string,
  signal: AbortSignal,
  now: Date,
): Promise<void> {
  let response: { status: number; retryAfter?: string };
  try {
    response = await request(
      new URL(endpoint.url),
      {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Infra24-Webhooks/1',
        // The outbox id is the idempotency key: a receiver that saw it already can ignore the repeat.
        'x-infra24-event-id': event.id,
        'x-infra24-topic': event.topic,
        'idempotency-key': event.id,
        'x-infra24-signature': signTimestamped(endpoint.secret, body, now),
      },
      body,
      signal,
    );
  } catch (error) {
    const reason = signal.aborted ? 'timed out' : (error as Error).message;
    throw new DeliveryError(`webhook ${endpoint.url}: ${reason}`, { cause: error });
  }
  if (response.status < 200 || response.status >= 300) {
    throw new DeliveryError(`webhook ${endpoint.url} answered ${response.status}`, {
      retryAfterMs:
        response.status === 429 || response.status === 503 ? parseRetryAfter(response.retryAfter, now) : undefined,
    });
  }
}

const ENDPOINT_CACHE_MS = 1_000;
const endpointCache = new Map<string, { at: number; endpoints: Promise<WebhookEndpoint[]> }>();

/** An organization's endpoints are read at most once a second, whatever the topic: a change applies within a second. */
function cachedEndpoints(db: Database, orgId: string): Promise<WebhookEndpoint[]> {
  const cached = endpointCache.get(orgId);
  if (cached && Date.now() - cached.at < ENDPOINT_CACHE_MS) return cached.endpoints;
  const endpoints = activeWebhookEndpoints(db, orgId);
  endpointCache.set(orgId, { at: Date.now(), endpoints });
  endpoints.catch(() => endpointCache.delete(orgId));
  return endpoints;
}

/**
 * POSTs the event to every endpoint that wants it. All are tried; if any failed the event is retried
 * as a whole, so an endpoint may see an id again: receivers deduplicate by id.
 */
export async function deliverToWebhooks(db: Database, event: OutboxRow, signal: AbortSignal, now: Date): Promise<void> {
  // Account emails belong to no organization, so no organization's endpoints hear of them.
  if (!isPublicTopic(event.topic) || !event.orgId) return;
  const endpoints = (await cachedEndpoints(db, event.orgId)).filter((endpoint) => wantsTopic(endpoint, event.topic));
  if (endpoints.length === 0) return;
  const body = webhookBody(event);
  const results = await Promise.allSettled(endpoints.map((endpoint) => post(endpoint, event, body, signal, now)));
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason as DeliveryError);
  if (failures.length > 0) {
    const retryAfterMs = Math.max(0, ...failures.map((f) => f.retryAfterMs ?? 0)) || undefined;
    throw new DeliveryError(failures.map((f) => f.message).join('; '), { retryAfterMs });
  }
}
