import path from 'node:path';
import type { Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../core/config';
import type { Database } from '../db/client';
import { createApi } from './api/index';

interface WebOptions {
  app: express.Express;
  httpServer: Server;
  db: Database;
  config: Config;
  logger: Logger;
}

/** Loads the Remix build: Vite in middleware mode during development, the built bundle otherwise. */
async function remixBuild(options: WebOptions): Promise<ServerBuild | (() => Promise<ServerBuild>)> {
  if (options.config.NODE_ENV === 'development') {
    const vite = await import('vite');
    const devServer = await vite.createServer({ server: { middlewareMode: true, hmr: { server: options.httpServer } } });
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
    throw new Error(`No Remix build at ${serverEntry}: run \`npm run build\` first (npm start does it for you).`, { cause: error });
  }
}

/** The web process: the JSON API (Hono, at /api/v1) and the Remix pages, on the shared express app. */
export async function mountWeb(options: WebOptions): Promise<void> {
  const { app, db, config, logger } = options;
  const api = createApi({ db, resendWebhookSecret: config.RESEND_WEBHOOK_SECRET, logError: (error) => logger.error({ err: error }, 'api request failed') });
  app.all('/api/*', getRequestListener(api.fetch));
  const build = await remixBuild(options);
  app.all('*', createRequestHandler({ build, getLoadContext: () => ({ db, config }), mode: config.NODE_ENV }));
}
