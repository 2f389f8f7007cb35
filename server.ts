import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { trustProxySetting } from './app/client-address.server';
import { isApiRequest } from './app/api-listener.server';
import { httpMetrics, httpRequestTimer, metricsEndpoint } from './app/metrics.server';
import { mountWeb } from './app/web.server';
import { createCollabServer, type CollabServer } from './collab-server/index';
import { redisUrlForDisplay, whyRedisUnreachable } from './collab-server/redis';
import { remoteDraftAccess, type RemoteDraftAccess } from './app/remote-drafts.server';
import { ConfigError, parseConfig, type Config, type ProcessRole } from './config/env';
import { parseWebhookAllowList } from './core/webhook-addresses';
import type { DatabaseHandle } from './db/client';
import { EmbeddedDatabaseBusyError } from './db/embedded-lock';
import { registerDatabaseMetrics } from './db/metrics';
import { openConfiguredDatabase } from './db/open';
import { DATABASE_RETRY_AFTER_SECONDS } from './db/pg-errors';
import { DEMO_PASSWORD, rotateDemoApiKeys, seedDemo } from './db/seed';
import { startWorker, type Worker } from './workers/index';

const PROCESS_SETS: Record<string, ProcessRole[]> = {
  all: ['web', 'collab', 'worker'],
  web: ['web'],
  collab: ['collab'],
  worker: ['worker'],
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function printWelcome(config: Config, handle: DatabaseHandle, roles: ProcessRole[]): Promise<void> {
  const lines = [
    '',
    `Infra24 is running at ${config.publicUrl}  (${roles.join(' + ')})`,
    `Database: ${handle.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (roles.includes('web') && !roles.includes('collab'))
    lines.push(`Season drafts: through the collab process at ${config.COLLAB_URL}`);
  if (roles.includes('collab') && config.REDIS_URL)
    lines.push(
      `Collab scale-out: through Redis at ${redisUrlForDisplay(config.REDIS_URL)} (keys ${config.REDIS_PREFIX}:collab:…)`,
    );
  if (config.demoMode && roles.includes('web')) {
    lines.push(
      `Sign in at ${config.publicUrl}/login as admin@oolite.demo with the password ${DEMO_PASSWORD} (every demo account is listed there).`,
    );
    const keys = await rotateDemoApiKeys(handle.db);
    lines.push('Demo organizations and their admin API keys (new at every start):');
    for (const { slug, key } of keys) lines.push(`  ${config.publicUrl}/${slug}   ${key}`);
    if (keys[0]) {
      lines.push(
        'Try:',
        `  curl -H "Authorization: Bearer ${keys[0].key}" ${config.publicUrl}/api/v1/orgs/${keys[0].slug}/resources`,
      );
    }
  }
  lines.push(`API reference: ${config.publicUrl}/api/v1/openapi.json`, '');
  console.log(lines.join('\n'));
}

/** One registry per process: Node's own figures, the database pool and the outbox; web and collab add theirs. */
function processMetrics(handle: DatabaseHandle): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'infra24_' });
  registerDatabaseMetrics(registry, handle);
  return registry;
}

function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    // The client's address as TRUST_PROXY reads it (express's req.ip), not the proxy's.
    customProps: (req) => ({ clientIp: (req as express.Request).ip }),
  });
}

async function main(): Promise<void> {
  const setName = process.argv[2] ?? 'all';
  const roles =
    PROCESS_SETS[setName] ?? fail(`Unknown process "${setName}": use one of ${Object.keys(PROCESS_SETS).join(', ')}`);
  let config: Config;
  try {
    config = parseConfig(process.env, roles);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL });
  // Checked before anything starts: without Redis this collab process would silently serve its own copy.
  if (roles.includes('collab') && config.REDIS_URL) {
    const unreachable = await whyRedisUnreachable(config.REDIS_URL);
    if (unreachable) {
      fail(
        `REDIS_URL: Redis at ${redisUrlForDisplay(config.REDIS_URL)} cannot be reached (${unreachable}). Start it, or unset REDIS_URL to run a single collab process.`,
      );
    }
  }

  let handle: DatabaseHandle;
  try {
    handle = await openConfiguredDatabase(config, `the Infra24 server (${setName})`);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) fail(error.message);
    throw error;
  }
  if (config.demoMode) {
    const seeded = await seedDemo(handle.db);
    if (seeded.length) logger.info({ organizations: seeded }, 'seeded demo organizations');
  }

  let shuttingDown = false;
  const app = express();
  app.disable('x-powered-by');
  try {
    app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  } catch (error) {
    fail((error as Error).message);
  }
  app.use(requestLogging(logger));
  const metrics = config.METRICS_TOKEN ? processMetrics(handle) : undefined;
  const requestTimer = metrics ? httpRequestTimer(metrics) : undefined;
  if (metrics && requestTimer && config.METRICS_TOKEN) {
    app.use(httpMetrics(requestTimer));
    app.get('/metrics', metricsEndpoint(metrics, config.METRICS_TOKEN));
  }
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => {
    if (shuttingDown) return void res.status(503).json({ status: 'shutting down' });
    // Its own connection and deadline: a locked table or a full pool must not make the check hang.
    handle.ping(config.READINESS_TIMEOUT_MS).then(
      () => res.json({ status: 'ready' }),
      (error) => {
        logger.error({ err: error }, 'readiness check failed');
        res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        res.status(503).json({ status: 'database unreachable' });
      },
    );
  });

  // The API is answered before express, once the web part has mounted it (ADR 039).
  let api: http.RequestListener | undefined;
  const httpServer = http.createServer((req, res) => (api && isApiRequest(req) ? api(req, res) : app(req, res)));
  const collab: CollabServer | undefined = roles.includes('collab')
    ? createCollabServer({
        db: handle.db,
        logger,
        serviceToken: config.COLLAB_SERVICE_TOKEN,
        redis: config.REDIS_URL ? { url: config.REDIS_URL, prefix: config.REDIS_PREFIX } : undefined,
        metrics,
      })
    : undefined;
  // Web without collab reaches the drafts over the collab process's socket (ADR 013); parseConfig required both settings.
  const remoteDrafts: RemoteDraftAccess | undefined =
    roles.includes('web') && !collab && config.COLLAB_URL && config.COLLAB_SERVICE_TOKEN
      ? remoteDraftAccess({
          url: config.COLLAB_URL,
          serviceToken: config.COLLAB_SERVICE_TOKEN,
          timeoutMs: config.COLLAB_TIMEOUT_MS,
        })
      : undefined;
  const drafts = collab?.drafts ?? remoteDrafts;
  const web = roles.includes('web')
    ? await mountWeb({ app, httpServer, db: handle.db, handle, config, logger, drafts, metrics, requestTimer })
    : undefined;
  api = web?.api;
  // Paths this handler does not own are left alone (not destroyed): Vite HMR and socket.io attach their own.
  httpServer.on('upgrade', (request, socket, head) => void collab?.handleUpgrade(request, socket, head));
  const worker: Worker | undefined = roles.includes('worker')
    ? await startWorker({
        handle,
        logger,
        publicUrl: config.publicUrl,
        email: {
          from: config.EMAIL_FROM,
          resendApiKey: config.RESEND_API_KEY,
          resendBaseUrl: config.RESEND_BASE_URL,
          smtpUrl: config.SMTP_URL,
        },
        webhooks: {
          allowedHosts: parseWebhookAllowList(config.WEBHOOK_ALLOWED_HOSTS),
          gate: { concurrency: config.WEBHOOK_ENDPOINT_CONCURRENCY },
        },
        outbox: {
          concurrency: config.OUTBOX_CONCURRENCY,
          mailConcurrency: config.OUTBOX_MAIL_CONCURRENCY,
          leaseMs: config.OUTBOX_LEASE_MS,
          maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
          retentionDays: config.OUTBOX_RETENTION_DAYS,
        },
      })
    : undefined;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`Port ${config.PORT} is in use: set PORT to another port`) : error,
      ),
    );
    httpServer.listen(config.PORT, config.HOST, resolve);
  }).catch(async (error: Error) => {
    await handle.close();
    fail(error.message);
  });
  await printWelcome(config, handle, roles);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests');
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; closing open connections');
      httpServer.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    const closed = new Promise((resolve) => httpServer.close(resolve));
    httpServer.closeIdleConnections();
    await web?.drain(config.SHUTDOWN_TIMEOUT_MS);
    await web?.close();
    remoteDrafts?.close();
    // The HTTP server counts upgraded sockets as open connections: collab must store its documents
    // and close its sockets before the server can report itself closed.
    await collab?.close();
    await closed;
    await worker?.stop(); // releases the outbox rows it had claimed
    await handle.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
