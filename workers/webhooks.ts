import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { signTimestamped } from '../core/signatures';
import { isAllowedWebhookAddress, NOTHING_ALLOWED, type WebhookAllowList } from '../core/webhook-addresses';
import type { Database } from '../db/client';
import type { OutboxRow } from '../db/operations/outbox/outbox-relay';
import {
  activeWebhookEndpoints,
  wantsTopic,
  type WebhookEndpoint,
} from '../db/operations/integrations/webhook-endpoints';
import { DeliveryError, parseRetryAfter } from './delivery-error';
import { DEFAULT_GATE_OPTIONS, EndpointGate, type GateOptions, SLOT_WAIT_MS } from './endpoint-gate';

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

/** The destination resolved to an address webhooks may not reach. */
class RefusedAddressError extends Error {}

/**
 * Resolves the host and refuses if any of its addresses is not allowed; the socket then connects to
 * the address checked here, so a name that resolves differently a moment later (DNS rebinding) changes nothing.
 */
function guardedLookup(allow: WebhookAllowList): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0 || list.some((a) => !isAllowedWebhookAddress(a.address, hostname, allow)))
        return callback(new RefusedAddressError('address not allowed'), '', 0);
      if ((options as dns.LookupOptions).all)
        return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function request(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  allow: WebhookAllowList,
  timeoutMs: number,
): Promise<{ status: number; retryAfter?: string }> {
  const transport = url.protocol === 'https:' ? https : http;
  // An address in the URL is never looked up: it is checked here instead.
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(literal) && !isAllowedWebhookAddress(literal, literal, allow))
    return Promise.reject(new RefusedAddressError('address not allowed'));
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers,
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup: guardedLookup(allow),
        signal,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume(); // the body is not needed; reading it frees the socket for the next event
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new TimeoutError()));
    req.on('error', reject);
    req.end(body);
  });
}

class TimeoutError extends Error {}

/** What an admin reads in last_error: no resolver, socket or TLS detail, so it cannot map the network. */
function describeFailure(error: unknown, signal: AbortSignal): string {
  if (error instanceof RefusedAddressError) return 'address not allowed';
  if (signal.aborted || error instanceof TimeoutError) return 'timed out';
  return 'could not connect';
}

export interface WebhookDeliveryOptions {
  /** WEBHOOK_ALLOWED_HOSTS: non-public destinations that are allowed all the same. */
  allowedHosts?: WebhookAllowList;
  timeoutMs?: number;
  /** Per-endpoint concurrency and circuit breaker. */
  gate?: Partial<GateOptions>;
  now?: () => number;
}

export type DeliverToWebhooks = (db: Database, event: OutboxRow, signal: AbortSignal, now: Date) => Promise<void>;

/**
 * POSTs each event to every endpoint of its organization that wants it, through each endpoint's gate:
 * a failing endpoint's events wait without being tried, a busy one's come back a moment later, so one
 * organization's broken or slow receivers never take the relay's capacity from everyone else's.
 */
export function createWebhookDelivery(options: WebhookDeliveryOptions = {}): DeliverToWebhooks {
  const allow = options.allowedHosts ?? NOTHING_ALLOWED;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const gateOptions = { ...DEFAULT_GATE_OPTIONS, ...options.gate };
  const clock = options.now ?? Date.now;
  const gates = new Map<string, EndpointGate>();
  const gateOf = (endpoint: WebhookEndpoint) => {
    const known = gates.get(endpoint.id);
    if (known) return known;
    const gate = new EndpointGate(gateOptions);
    gates.set(endpoint.id, gate);
    return gate;
  };

  async function post(endpoint: WebhookEndpoint, event: OutboxRow, body: string, signal: AbortSignal, now: Date) {
    const gate = gateOf(endpoint);
    const refusal = await gate.admitWithin(SLOT_WAIT_MS, clock);
    if (refusal?.reason === 'busy') {
      throw new DeliveryError(`webhook ${endpoint.url}: busy, deferred`, {
        retryAfterMs: refusal.retryInMs,
        notAttempted: true,
      });
    }
    if (refusal) {
      throw new DeliveryError(`webhook ${endpoint.url}: not tried, failing repeatedly (paused)`, {
        retryAfterMs: refusal.retryInMs,
      });
    }
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
        allow,
        timeoutMs,
      );
    } catch (error) {
      gate.settle(false, clock());
      throw new DeliveryError(`webhook ${endpoint.url}: ${describeFailure(error, signal)}`, { cause: error });
    }
    const succeeded = response.status >= 200 && response.status < 300;
    gate.settle(succeeded, clock());
    if (!succeeded) {
      throw new DeliveryError(`webhook ${endpoint.url}: HTTP ${response.status}`, {
        retryAfterMs:
          response.status === 429 || response.status === 503 ? parseRetryAfter(response.retryAfter, now) : undefined,
      });
    }
  }

  return async (db, event, signal, now) => {
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
      throw new DeliveryError(failures.map((f) => f.message).join('; '), {
        retryAfterMs,
        notAttempted: failures.every((f) => f.notAttempted),
      });
    }
  };
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
