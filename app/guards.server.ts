import { redirect, type AppLoadContext } from '@remix-run/node';
import type { Params } from '@remix-run/react';
import { hasRole, type Actor, type Role } from '../core/actor';
import { findMembershipBySlug, type OrgMembership } from '../db/operations/accounts/memberships';
import { findOrganizationBySlug } from '../db/operations/accounts/organizations';
import type { User } from '../db/operations/accounts/users';
import { getUser } from './auth-session.server';
import { oncePerPageRequest } from './request-memo.server';

interface GuardArgs {
  request: Request;
  context: AppLoadContext;
  params: Params;
}

/**
 * Actions refuse cross-origin posts: browsers send Origin (or at least Sec-Fetch-Site) on a POST,
 * and a form on another site must not act with our cookie.
 */
export function assertSameOrigin(request: Request, context: AppLoadContext): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.get('origin');
  const allowed = new Set([new URL(request.url).origin, new URL(context.config.publicUrl).origin]);
  if (origin ? !allowed.has(origin) : request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new Response('Cross-origin form posts are refused', { status: 403 });
  }
}

export async function requireUser({ request, context }: Omit<GuardArgs, 'params'>): Promise<User> {
  assertSameOrigin(request, context);
  const user = await getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/**
 * Signed in, at an organization that exists, member or not: a person's own pages there (their
 * bookings, seats and calendar feed), which guests who claimed their email have too.
 */
/** The organization of the URL, read once per page request (oncePerPageRequest). */
export function organizationOf({ request, context, params }: GuardArgs) {
  const slug = params.org ?? '';
  return oncePerPageRequest(request, `organization:${slug}`, () => findOrganizationBySlug(context.db, slug));
}

/** The person's membership of the organization in the URL, read once per page request. */
export function membershipOf({ request, context, params }: GuardArgs, user: User) {
  const slug = params.org ?? '';
  return oncePerPageRequest(request, `membership:${user.id}:${slug}`, () =>
    findMembershipBySlug(context.db, user.id, slug),
  );
}

export async function requireUserAt(args: GuardArgs) {
  const user = await requireUser(args);
  const org = await organizationOf(args);
  if (!org) throw new Response('No such organization', { status: 404 });
  return { user, org };
}

export interface OrgAccess extends OrgMembership {
  user: User;
  actor: Actor & { name: string };
}

/**
 * Signed in, a member of the organization in the URL, with at least `minimum`. Someone of another
 * organization gets 404 from staff pages, as if they did not exist; from a members' page (`resident`),
 * whose organization is public anyway, a 403 that says the page is for its members (ADR 033). A
 * member without the role gets 403.
 */
export async function requireOrgRole(args: GuardArgs, minimum: Role): Promise<OrgAccess> {
  const user = await requireUser(args);
  const membership = await membershipOf(args, user);
  if (!membership && minimum === 'resident') {
    const org = await organizationOf(args);
    if (org) throw new Response(`This page is for members of ${org.name}.`, { status: 403 });
  }
  if (!membership) throw new Response('Not found', { status: 404 });
  if (!hasRole({ type: 'user', id: user.id, role: membership.role }, minimum)) {
    throw new Response(`This page is for ${minimum === 'admin' ? 'admins' : 'staff'} of ${membership.org.name}`, {
      status: 403,
    });
  }
  return { ...membership, user, actor: { type: 'user', id: user.id, role: membership.role, name: user.name } };
}

export const requireStaff = (args: GuardArgs) => requireOrgRole(args, 'staff');
export const requireAdmin = (args: GuardArgs) => requireOrgRole(args, 'admin');
