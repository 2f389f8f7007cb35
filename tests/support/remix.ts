import type { AppLoadContext } from '@remix-run/node';
import { parseConfig } from '../../config/env';
import type { Database } from '../../db/client';
import { ensureUserWithRole } from '../../db/operations/accounts/users';
import { signInAndRedirect } from '../../app/auth-session.server';

export const TEST_ORIGIN = 'http://localhost:3000';

export function loadContext(db: Database, clientIp = '203.0.113.7'): AppLoadContext {
  return { db, config: parseConfig({ PUBLIC_URL: TEST_ORIGIN }), clientIp };
}

/** A Cookie header for a fresh session of `userId`, made the way sign-in makes it. */
export async function sessionCookieFor(context: AppLoadContext, userId: string): Promise<string> {
  const response = await signInAndRedirect(context, userId, '/');
  return response.headers.get('set-cookie')!.split(';')[0];
}

export async function memberWithSession(
  context: AppLoadContext,
  orgId: string,
  email: string,
  role: 'admin' | 'staff' | 'resident',
) {
  const user = await ensureUserWithRole(context.db, { orgId, email, name: email.split('@')[0], role });
  return { user, cookie: await sessionCookieFor(context, user.id) };
}

export function request(
  path: string,
  options: { cookie?: string; method?: string; form?: Record<string, string>; json?: unknown; origin?: string } = {},
): Request {
  const headers = new Headers();
  if (options.cookie) headers.set('cookie', options.cookie);
  let body: BodyInit | undefined;
  if (options.form) body = new URLSearchParams(options.form);
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set('content-type', 'application/json');
  }
  const method = options.method ?? (body ? 'POST' : 'GET');
  if (method !== 'GET') headers.set('origin', options.origin ?? TEST_ORIGIN);
  return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body });
}

/**
 * Runs a loader or action and returns its answer as the Response the browser would get, whether it
 * was returned or thrown: a Response as is, `data(value, init)` and plain values as JSON.
 */
export async function respond(run: () => Promise<unknown>): Promise<Response> {
  try {
    return asResponse(await run());
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return asResponse(thrown);
    throw thrown;
  }
}

interface DataWithInit {
  type: 'DataWithResponseInit';
  data: unknown;
  init: ResponseInit | null;
}

function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === 'object' && value !== null && (value as DataWithInit).type === 'DataWithResponseInit';
}

function asResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (isDataWithInit(result)) return Response.json(result.data, result.init ?? undefined);
  return Response.json(result);
}
