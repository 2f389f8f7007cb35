import type { AppLoadContext } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as invitationPage from '../../app/routes/invitations.$token';
import * as loginPage from '../../app/routes/login';
import * as magicLinkPage from '../../app/routes/magic-link.$token';
import * as resetRequestPage from '../../app/routes/reset-password._index';
import * as resetPage from '../../app/routes/reset-password.$token';
import * as settingsPage from '../../app/routes/$org.admin.settings';
import * as signupPage from '../../app/routes/signup';
import { sendAccountLink } from '../../db/operations/accounts/auth-tokens';
import { findMembershipBySlug } from '../../db/operations/accounts/memberships';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { findSessionUser } from '../../db/operations/accounts/auth-sessions';
import { integrationOutbox } from '../../db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  const org = await createOrganization(database.db, {
    slug: 'locust',
    name: 'Locust Projects',
    timeZone: 'America/New_York',
  });
  await memberWithSession(context, org.id, 'director@locust.test', 'admin');
});
afterAll(() => database?.close());

const signUp = (form: Record<string, string>) =>
  respond(() => signupPage.action({ request: request('/signup', { form }), params: {}, context }));
const signIn = (email: string, password: string, ctx = context) =>
  respond(() =>
    loginPage.action({
      request: request('/login', { form: { intent: 'password', email, password, redirectTo: '/locust/admin' } }),
      params: {},
      context: ctx,
    }),
  );

async function lastLink(topic: string, email: string): Promise<string> {
  const rows = await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.topic, topic));
  const row = rows.reverse().find((r) => (r.payload as { email: string }).email === email);
  if (!row) throw new Error(`no ${topic} for ${email}`);
  return (row.payload as { url: string }).url;
}
const tokenOf = (url: string) => url.split('/').at(-1)!;
/** What any sign-in link that does not work answers, whatever the reason (docs/design.md §8). */
const SIGN_IN_NOT_VALID = expect.objectContaining({ linkNotValid: 'sign-in', title: 'This sign-in link is not valid' });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0];

describe('accounts', () => {
  it('signs up, then signs in with the emailed link (an HttpOnly SameSite=Lax session cookie); a second sign-up answers alike', async () => {
    const response = await signUp({
      name: 'Ana Ruiz',
      email: 'Ana@Example.org',
      password: 'correct horse battery',
      redirectTo: '/',
    });
    expect(response.status).toBe(200);
    const token = tokenOf(await lastLink('account.magic_link', 'ana@example.org'));
    const used = await respond(() =>
      magicLinkPage.action({
        request: request(`/magic-link/${token}`, { method: 'POST' }),
        params: { token },
        context,
      }),
    );
    const setCookie = used.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const again = await signUp({ name: 'Ana', email: 'ana@example.org', password: 'another password!' });
    expect(again.status).toBe(200);
    expect(JSON.stringify(await again.json())).not.toContain('already has an account');
  });

  it('names the fields that are wrong', async () => {
    const response = await signUp({ name: '', email: 'not-an-email', password: 'short' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: Record<string, string[]> };
    expect(Object.keys(body.error).sort()).toEqual(['email', 'name', 'password']);
  });

  it('signs in with the password, case-insensitively by email, and refuses a wrong one without saying which part', async () => {
    const ok = await signIn('ANA@example.org', 'correct horse battery');
    expect([ok.status, ok.headers.get('location')]).toEqual([302, '/locust/admin']);
    const wrong = await signIn('ana@example.org', 'wrong password');
    const unknown = await signIn('nobody@example.org', 'wrong password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const formError = async (r: Response) =>
      ((await r.json()) as { result: { error: Record<string, string[]> } }).result.error;
    expect(await formError(wrong)).toEqual(await formError(unknown));
  });

  it('rate-limits sign-in attempts per email and per IP', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++) attempts.push((await signIn('target@example.org', `guess ${i}`)).status);
    expect(attempts.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await signIn('target@example.org', 'guess 11');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same IP may still try other emails until its own, larger limit is used up.
    const otherEmail = await signIn('someone@example.org', 'guess');
    expect(otherEmail.status).toBe(401);
    const crowdIp = loadContext(database.db, '198.51.100.9');
    const statuses = [];
    for (let i = 0; i < 51; i++) statuses.push((await signIn(`spray${i}@example.org`, 'x', crowdIp)).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it('signs in with a magic link once; the link cannot be reused', async () => {
    const response = await respond(() =>
      loginPage.action({
        request: request('/login', { form: { intent: 'magic-link', email: 'ana@example.org' } }),
        params: {},
        context,
      }),
    );
    expect(response.status).toBe(200);
    const token = tokenOf(await lastLink('account.magic_link', 'ana@example.org'));
    const shown = await respond(() =>
      magicLinkPage.loader({ request: request(`/magic-link/${token}`), params: { token }, context }),
    );
    expect(await shown.json()).toEqual({ email: 'ana@example.org' });
    const used = await respond(() =>
      magicLinkPage.action({
        request: request(`/magic-link/${token}`, { method: 'POST' }),
        params: { token },
        context,
      }),
    );
    expect(used.status).toBe(302);
    expect((await findSessionUser(database.db, decodeCookie(cookieOf(used))))?.email).toBe('ana@example.org');
    const reused = await respond(() =>
      magicLinkPage.action({
        request: request(`/magic-link/${token}`, { method: 'POST' }),
        params: { token },
        context,
      }),
    );
    expect([reused.status, await reused.json()]).toEqual([404, SIGN_IN_NOT_VALID]);
    const reopened = await respond(() =>
      magicLinkPage.loader({ request: request(`/magic-link/${token}`), params: { token }, context }),
    );
    expect([reopened.status, await reopened.json()]).toEqual([404, SIGN_IN_NOT_VALID]);
  });

  it('refuses an expired magic link and sends nothing for an unknown address', async () => {
    await sendAccountLink(database.db, {
      purpose: 'magic_link',
      email: 'ana@example.org',
      baseUrl: 'http://localhost:3000',
      now: new Date('2020-01-01T00:00:00Z'),
    });
    const token = tokenOf(await lastLink('account.magic_link', 'ana@example.org'));
    const expired = await respond(() =>
      magicLinkPage.action({
        request: request(`/magic-link/${token}`, { method: 'POST' }),
        params: { token },
        context,
      }),
    );
    expect([expired.status, await expired.json()]).toEqual([404, SIGN_IN_NOT_VALID]);
    const before = (await database.db.select().from(integrationOutbox)).length;
    const unknown = await respond(() =>
      loginPage.action({
        request: request('/login', { form: { intent: 'magic-link', email: 'ghost@example.org' } }),
        params: {},
        context,
      }),
    );
    expect(unknown.status).toBe(200);
    expect((await database.db.select().from(integrationOutbox)).length).toBe(before);
  });

  it('resets a password: signs out other sessions, the old password stops working, the link works once', async () => {
    const oldSession = cookieOf(await signIn('ana@example.org', 'correct horse battery'));
    await respond(() =>
      resetRequestPage.action({
        request: request('/reset-password', { form: { email: 'ana@example.org' } }),
        params: {},
        context,
      }),
    );
    const token = tokenOf(await lastLink('account.password_reset', 'ana@example.org'));
    const mismatch = await respond(() =>
      resetPage.action({
        request: request(`/reset-password/${token}`, {
          form: { password: 'a brand new secret', confirm: 'different' },
        }),
        params: { token },
        context,
      }),
    );
    expect(mismatch.status).toBe(422);
    const reset = await respond(() =>
      resetPage.action({
        request: request(`/reset-password/${token}`, {
          form: { password: 'a brand new secret', confirm: 'a brand new secret' },
        }),
        params: { token },
        context,
      }),
    );
    expect(reset.status).toBe(302);
    expect(await findSessionUser(database.db, decodeCookie(oldSession))).toBeUndefined();
    expect((await signIn('ana@example.org', 'correct horse battery')).status).toBe(401);
    expect((await signIn('ana@example.org', 'a brand new secret')).status).toBe(302);
    const again = await respond(() =>
      resetPage.action({
        request: request(`/reset-password/${token}`, {
          form: { password: 'yet another secret', confirm: 'yet another secret' },
        }),
        params: { token },
        context,
      }),
    );
    expect([again.status, await again.json()]).toEqual([
      404,
      expect.objectContaining({ linkNotValid: 'password-reset' }),
    ]);
  });

  it('invites by email; the invitation makes whoever accepts it a member with that role, once', async () => {
    const admin = await memberWithSession(context, (await findOrg()).id, 'director@locust.test', 'admin');
    const invited = await respond(() =>
      settingsPage.action({
        request: request('/locust/admin/settings', {
          cookie: admin.cookie,
          form: { intent: 'invite', email: 'jo@example.org', role: 'staff' },
        }),
        params: { org: 'locust' },
        context,
      }),
    );
    expect(invited.status).toBe(200);
    const token = tokenOf(await lastLink('account.invitation', 'jo@example.org'));
    const view = await respond(() =>
      invitationPage.loader({ request: request(`/invitations/${token}`), params: { token }, context }),
    );
    expect(((await view.json()) as { invitation: object }).invitation).toEqual({
      orgName: 'Locust Projects',
      role: 'staff',
      email: 'jo@example.org',
    });
    await signUp({ name: 'Jo Park', email: 'jo@example.org', password: 'jo password 123' });
    const link = tokenOf(await lastLink('account.magic_link', 'jo@example.org'));
    const signedUp = await respond(() =>
      magicLinkPage.action({
        request: request(`/magic-link/${link}`, { method: 'POST' }),
        params: { token: link },
        context,
      }),
    );
    const accept = await respond(() =>
      invitationPage.action({
        request: request(`/invitations/${token}`, { cookie: cookieOf(signedUp), method: 'POST' }),
        params: { token },
        context,
      }),
    );
    expect([accept.status, accept.headers.get('location')]).toEqual([302, '/locust']);
    const user = await findSessionUser(database.db, decodeCookie(cookieOf(signedUp)));
    expect((await findMembershipBySlug(database.db, user!.id, 'locust'))?.role).toBe('staff');
    const reuse = await respond(() =>
      invitationPage.action({
        request: request(`/invitations/${token}`, { cookie: cookieOf(signedUp), method: 'POST' }),
        params: { token },
        context,
      }),
    );
    expect([reuse.status, await reuse.json()]).toEqual([404, expect.objectContaining({ linkNotValid: 'invitation' })]);
  });
});

async function findOrg() {
  const { findOrganizationBySlug } = await import('../../db/operations/accounts/organizations');
  return (await findOrganizationBySlug(database.db, 'locust'))!;
}

/** Remix cookies hold the value base64-encoded JSON. */
function decodeCookie(cookie: string): string {
  const value = decodeURIComponent(cookie.split('=').slice(1).join('='));
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
}
