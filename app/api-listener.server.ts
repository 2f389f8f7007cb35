import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import proxyaddr from 'proxy-addr';

/** What the edge of the API does for every request, in the order it happens. */
export interface ApiEdge {
  /** The Hono app's fetch (createApi). */
  fetch: Parameters<typeof getRequestListener>[0];
  logger: Logger;
  /** Header pairs every API response carries (apiSecurityHeaders). */
  headers: readonly (readonly [string, string])[];
  /** Express's `trust proxy` setting (trustProxySetting): how far X-Forwarded-For is believed. */
  trustProxy: false | number | string[];
  /** Called when a response has been sent (request durations for the metrics). */
  onFinish?: (req: IncomingMessage, res: ServerResponse, seconds: number) => void;
  /** Wraps the handler so shutdown can wait for requests still running. */
  track: (handler: RequestListener) => RequestListener;
}

/** True for the requests `apiListener` answers. */
export function isApiRequest(req: IncomingMessage): boolean {
  return req.url?.startsWith('/api/') ?? false;
}

function trustFunction(setting: ApiEdge['trustProxy']): (address: string, hop: number) => boolean {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting);
}

/**
 * The JSON API straight on the HTTP server, without the page stack in front of it (ADR 039): its
 * request id, log line, security headers, client address and metrics are done here, once, for what
 * a JSON answer needs. Pages go through express as before.
 */
export function apiListener(edge: ApiEdge): RequestListener {
  const hono = getRequestListener(edge.fetch);
  const trust = trustFunction(edge.trustProxy);
  const logsEveryRequest = () => edge.logger.isLevelEnabled('info');
  return edge.track(async (req, res) => {
    const started = process.hrtime.bigint();
    const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    res.setHeader('x-request-id', id);
    for (const [name, value] of edge.headers) res.setHeader(name, value);
    // The registration limit counts by this address (app/api/workshops.ts), as express's req.ip would give it.
    Object.defineProperty(req, 'ip', { get: () => proxyaddr(req, trust), configurable: true });
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      edge.onFinish?.(req, res, seconds);
      if (res.statusCode < 500 && !logsEveryRequest()) return;
      const line = {
        reqId: id,
        method: req.method,
        url: req.url,
        statusCode: res.statusCode,
        responseTime: Math.round(seconds * 1000),
        clientIp: (req as IncomingMessage & { ip: string }).ip,
      };
      if (res.statusCode >= 500) edge.logger.error(line, 'request errored');
      else edge.logger.info(line, 'request completed');
    });
    await hono(req, res);
  });
}
