import type { Handler } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { sameSecret } from '../core/signatures';

const RESERVED_FIRST_SEGMENTS = new Set([
  'api',
  'assets',
  'healthz',
  'readyz',
  'metrics',
  'login',
  'logout',
  'signup',
  'switch',
  'reset-password',
  'magic-link',
  'invitations',
  'socket.io',
  'collab',
  'favicon.svg',
]);
/** Ids, tokens, dates and file names: anything that would give every request a label of its own. */
const VARYING_SEGMENT = /^[0-9a-f-]{36}$|^\d+$|^[A-Za-z0-9_-]{20,}$|\.|^\d{4}-\d{2}/;

/** `/oolite/workshops/risograph-basics` → `/:org/workshops/:slug`-like labels of bounded number. */
export function routeLabel(pathname: string): string {
  const segments = pathname.split('/').filter(Boolean).slice(0, 7);
  if (!segments.length) return '/';
  const labelled = segments.map((segment, index) => {
    if (index === 0) return RESERVED_FIRST_SEGMENTS.has(segment) ? segment : ':org';
    if (segments[0] === 'api' && segments[index - 1] === 'orgs') return ':org';
    if (segments[0] !== 'api' && index === 2 && segments[1] === 'workshops') return ':slug';
    return VARYING_SEGMENT.test(segment) ? ':id' : segment;
  });
  return `/${labelled.join('/')}`;
}

/** Records one answered request's duration by method, route (ids replaced) and status. */
export type RequestTimer = (method: string, pathname: string, status: number, seconds: number) => void;

/** Request durations by method, route and status, for every request the process answers. */
export function httpRequestTimer(registry: Registry): RequestTimer {
  const duration = new Histogram({
    name: 'infra24_http_request_duration_seconds',
    help: 'HTTP request durations by method, route (ids replaced) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (method, pathname, status, seconds) =>
    duration.observe({ method, route: routeLabel(pathname), status: String(status) }, seconds);
}

/** The pages' side of `httpRequestTimer`, as express middleware. */
export function httpMetrics(timer: RequestTimer): Handler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () =>
      timer(req.method, req.path, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9),
    );
    next();
  };
}

/** `GET /metrics` in Prometheus' text format, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`. */
export function metricsEndpoint(registry: Registry, token: string): Handler {
  return async (req, res) => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(given, token)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({ error: { code: 'unauthorized', message: 'Send the metrics token as a Bearer token.' } });
      return;
    }
    res.set('content-type', registry.contentType).send(await registry.metrics());
  };
}
