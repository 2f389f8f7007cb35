import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { hasRole, type Actor, type Role } from '../../core/actor';
import { AppError } from '../../core/errors';
import type { DraftAccess } from '../../core/draft/access';
import type { Database } from '../../db/client';
import { authenticateApiKey } from '../../db/operations/api-keys';
import type { Organization } from '../../db/operations/organizations';
import { validationHook } from './errors';

export interface ApiEnv {
  Variables: { db: Database; org: Organization; actor: Actor; drafts?: DraftAccess };
}

export function createRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}

/**
 * Every /orgs/:org/* request: a Bearer key of that very organization. A key of another
 * organization gets 403 whether or not the slug exists, so keys cannot probe for organizations.
 */
export function requireApiKey(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'Send an API key: "Authorization: Bearer i24_…" (create one with `npm run cli -- api-key create`)');
    const authenticated = await authenticateApiKey(c.get('db'), match[1]);
    if (!authenticated) throw new AppError('unauthorized', 'This API key is unknown or revoked');
    if (authenticated.org.slug !== c.req.param('org')) {
      throw new AppError('forbidden', `This API key belongs to the organization "${authenticated.org.slug}"`);
    }
    c.set('org', authenticated.org);
    c.set('actor', { type: 'api_key', id: authenticated.apiKey.id, role: authenticated.apiKey.role });
    await next();
  };
}

export function requireRole(c: Context<ApiEnv>, role: Role): Actor {
  const actor = c.get('actor');
  if (!hasRole(actor, role)) throw new AppError('forbidden', `This needs an ${role} key; this key is ${actor.role}`);
  return actor;
}
