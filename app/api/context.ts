import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { hasRole, type Actor, type Role } from '../../core/actor';
import { AppError } from '../../core/errors';
import type { DraftAccess } from '../../core/draft/access';
import type { Database } from '../../db/client';
import { authenticateApiKey } from '../../db/operations/accounts/api-keys';
import { findOrganizationBySlug, type Organization } from '../../db/operations/accounts/organizations';
import { validationHook } from './errors';

export interface ApiEnv {
  /** `actor` is unset on public endpoints called without a key: read it there with `optionalActor`. */
  Variables: { db: Database; org: Organization; actor: Actor; publicUrl: string; drafts?: DraftAccess };
}

export function createRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}

/**
 * Every /orgs/:org/* request: a Bearer key of that very organization. A key of another
 * organization gets 403 whether or not the slug exists, so keys cannot probe for organizations.
 * Endpoints for which `isPublic(method, path)` holds also answer without a key (the organization is
 * then found by its slug); a key sent to them is still checked, so staff can act there too.
 */
export function requireApiKey(
  isPublic: (method: string, path: string) => boolean = () => false,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    if (!header && isPublic(c.req.method, c.req.path)) {
      const org = await findOrganizationBySlug(c.get('db'), c.req.param('org') ?? '');
      if (!org) throw new AppError('not_found', `No organization with slug "${c.req.param('org')}"`);
      c.set('org', org);
      await next();
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new AppError(
        'unauthorized',
        'Send an API key: "Authorization: Bearer i24_…" (create one with `npm run cli -- api-key create`)',
      );
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

/** The key's actor on an endpoint that also answers without one. */
export function optionalActor(c: Context<ApiEnv>): Actor | undefined {
  return c.get('actor') as Actor | undefined;
}

export function requireRole(c: Context<ApiEnv>, role: Role): Actor {
  const actor = optionalActor(c);
  if (!actor) throw new AppError('unauthorized', 'Send an API key: "Authorization: Bearer i24_…"');
  if (!hasRole(actor, role)) throw new AppError('forbidden', `This needs an ${role} key; this key is ${actor.role}`);
  return actor;
}
