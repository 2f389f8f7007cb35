import path from 'node:path';
import type { RequestListener, Server } from 'node:http';
import { createRequestHandler } from '@remix-run/express';
import { createRequestHandler as createFetchHandler, type ServerBuild } from '@remix-run/node';
import express from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { mailboxShowsSecretLinks, type Config } from '../config/env';
import { rateLimits } from '../config/rate-limits';
import type { DraftAccess } from '../core/draft/access';
import { parseWebhookAllowList } from '../core/webhook-addresses';
import { setLookupCacheTtl } from '../db/lookup-cache';
import type { Database, DatabaseHandle } from '../db/client';
import { listenForBookingChanges } from '../db/notifications';
import { createApi } from './api/index';
import { apiListener } from './api-listener.server';
import { trustProxySetting } from './client-address.server';
import type { RequestTimer } from './metrics.server';
import { retryAfterOn503, withDatabaseOutagePages } from './database-outage.server';
import { attachLiveEvents } from './live-events.server';
import { limitPageBodies, refuseForeignOrigins } from './page-requests.server';
import { setSpanLimitsFromConfig } from './span-limits.server';
import { createPageCache, isCacheablePageRequest, type CachedPage } from './page-cache.server';
import {
  apiSecurityHeaders,
  CACHED_PAGE_NONCE,
  cspNonceOf,
  securityHeaders,
  withNonce,
} from './security-headers.server';

interface WebOptions {
  app: express.Express;
  httpServer: Server;
  db: Database;
  /** The same database, for LISTEN (live events). */
  handle: DatabaseHandle;
  config: Config;
  logger: Logger;
  /** The live drafts: the collab server in this process, or the collab process reached over its socket. */
  drafts?: DraftAccess;
  /** Set (METRICS_TOKEN): live-event connections are reported there. */
  metrics?: Registry;
  /** Set with the metrics: API requests are timed there as the pages are. */
  requestTimer?: RequestTimer;
}

/** Loads the Remix build: Vite in middleware mode during development, the built bundle otherwise. */
async function remixBuild(options: WebOptions): Promise<ServerBuild | (() => Promise<ServerBuild>)> {
  if (options.config.NODE_ENV === 'development') {
    const vite = await import('vite');
    const devServer = await vite.createServer({
      server: { middlewareMode: true, hmr: { server: options.httpServer } },
    });
    options.app.use(devServer.middlewares);
    return () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>;
  }
  const buildDir = path.resolve('build');
  options.app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }));
  options.app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }));
  const serverEntry = path.join(buildDir, 'server/index.js');
  try {
    return (await import(serverEntry)) as ServerBuild;
  } catch (error) {
    throw new Error(`No Remix build at ${serverEntry}: run \`npm run build\` first (npm start does it for you).`, {
      cause: error,
    });
  }
}

/**
 * Counts handlers still running. A handler can outlive its connection (the client hung up), so
 * shutdown waits for this count, not for the sockets, before it closes the database.
 */
function inFlightCounter() {
  let running = 0;
  const track =
    <Args extends unknown[]>(handler: (...args: Args) => unknown) =>
    async (...args: Args) => {
      running++;
      try {
        await handler(...args);
      } finally {
        running--;
      }
    };
  const drain = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  };
  return { track, drain };
}

export interface WebProcess {
  /** Answers /api/… on the HTTP server itself, ahead of express (isApiRequest says which requests). */
  api: RequestListener;
  /** Resolves when no request handler is running any more (or after `timeoutMs`). */
  drain(timeoutMs: number): Promise<void>;
  /** Stops the live events (their LISTEN connection and sockets). */
  close(): Promise<void>;
}

/** The web process: the JSON API (Hono, at /api/v1) and the Remix pages, on the shared express app. */
export async function mountWeb(options: WebOptions): Promise<WebProcess> {
  const { app, db, config, logger } = options;
  // Every span the API and the pages accept is bounded by the configured limits (ADR 024).
  setSpanLimitsFromConfig(config);
  // API keys and resources read by every API request are reused this long (ADR 032).
  setLookupCacheTtl(config.LOOKUP_CACHE_MS);
  const { track, drain } = inFlightCounter();
  app.use(securityHeaders(config));
  const api = createApi({
    db,
    drafts: options.drafts,
    resendWebhookSecret: config.RESEND_WEBHOOK_SECRET,
    logError: (error) => logger.error({ err: error }, 'api request failed'),
    publicUrl: config.publicUrl,
    registrationRateLimits: rateLimits(config).registration,
    mailboxShowsSecretLinks: mailboxShowsSecretLinks(config),
    webhookAllowedHosts: parseWebhookAllowList(config.WEBHOOK_ALLOWED_HOSTS),
  });
  const { requestTimer } = options;
  const apiRequests = apiListener({
    fetch: api.fetch,
    logger,
    headers: apiSecurityHeaders(config),
    trustProxy: trustProxySetting(config.TRUST_PROXY),
    onFinish: requestTimer
      ? (req, res, seconds) =>
          requestTimer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname, res.statusCode, seconds)
      : undefined,
    track,
  });
  const build = withDatabaseOutagePages(await remixBuild(options));
  app.use(retryAfterOn503);
  const getLoadContext = (req: express.Request, res: express.Response) => ({
    db,
    config,
    drafts: options.drafts,
    clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    cspNonce: cspNonceOf(res),
  });
  app.use(refuseForeignOrigins(), limitPageBodies());
  app.get('*', track(cachedPages(build, config, getLoadContext)));
  app.all('*', track(createRequestHandler({ build, getLoadContext, mode: config.NODE_ENV })));
  const live = attachLiveEvents({ httpServer: options.httpServer, db, logger, metrics: options.metrics });
  const unlisten = await listenForBookingChanges(
    options.handle,
    (orgId) => live.bookingsChanged(orgId),
    () => live.anythingMayHaveChanged(),
  );
  return {
    api: apiRequests,
    drain,
    async close() {
      await unlisten();
      await live.close();
    },
  };
}

/** Serves anonymous visitors' public workshop pages from the page cache; everything else falls through. */
function cachedPages(
  build: ServerBuild | (() => Promise<ServerBuild>),
  config: Config,
  getLoadContext: (req: express.Request, res: express.Response) => { cspNonce?: string },
): express.RequestHandler {
  const cache = createPageCache({ ttlMs: config.NODE_ENV === 'development' ? 0 : config.PAGE_CACHE_MS });
  const render = createFetchHandler(build, config.NODE_ENV);
  return async (req, res, next) => {
    if (!cache.enabled || !isCacheablePageRequest(req.method, req.path, req.headers.cookie)) return next();
    // Anonymous pages depend on the URL alone: render them from it, without the visitor's headers.
    const url = new URL(req.originalUrl, config.publicUrl);
    try {
      const { page, hit } = await cache.get(url.pathname + url.search, async (): Promise<CachedPage> => {
        const response = await render(
          new Request(url, { headers: { accept: 'text/html' } }),
          // Rendered with a stand-in nonce: every visitor served this page gets their own in its place.
          { ...getLoadContext(req, res), cspNonce: CACHED_PAGE_NONCE } as never,
        );
        return {
          status: response.status,
          headers: [...response.headers],
          body: Buffer.from(await response.arrayBuffer()),
        };
      });
      res.status(page.status);
      for (const [name, value] of page.headers) res.setHeader(name, value);
      res.setHeader('x-page-cache', hit ? 'hit' : 'miss');
      res.end(withNonce(page.body, cspNonceOf(res)));
    } catch (error) {
      next(error);
    }
  };
}
