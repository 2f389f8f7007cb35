import type { ServerBuild } from '@remix-run/node';
import type express from 'express';
import { isAppError } from '../core/errors';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from '../db/pg-errors';

type RouteFunction = (args: unknown) => unknown;

/** A loader or action that met an unreachable or too slow database answers 503 (the error page), not 500. */
function answering503(run: RouteFunction): RouteFunction {
  return async (args) => {
    try {
      return await run(args);
    } catch (error) {
      const unavailable = isAppError(error) ? error.code === 'database_unavailable' : isDatabaseUnavailable(error);
      if (!unavailable) throw error;
      throw new Response(databaseUnavailable().message, {
        status: 503,
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      });
    }
  };
}

const wrapped = new WeakMap<ServerBuild, ServerBuild>();

function wrapBuild(build: ServerBuild): ServerBuild {
  const known = wrapped.get(build);
  if (known) return known;
  const routes: ServerBuild['routes'] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module } as Record<string, unknown>;
    for (const name of ['loader', 'action'] as const) {
      if (typeof module[name] === 'function') module[name] = answering503(module[name] as RouteFunction);
    }
    routes[id] = { ...route, module: module as unknown as typeof route.module };
  }
  const result = { ...build, routes };
  wrapped.set(build, result);
  return result;
}

/** The pages' build with every loader and action mapping database outages to 503. */
export function withDatabaseOutagePages(
  build: ServerBuild | (() => Promise<ServerBuild>),
): ServerBuild | (() => Promise<ServerBuild>) {
  return typeof build === 'function' ? async () => wrapBuild(await build()) : wrapBuild(build);
}

/** Remix passes a thrown response's headers on to the page only through `headers` exports: Retry-After is set here. */
export function retryAfterOn503(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
    if ((args[0] === 503 || res.statusCode === 503) && !res.hasHeader('retry-after'))
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
}
