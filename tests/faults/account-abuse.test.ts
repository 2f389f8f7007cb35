import type { AppLoadContext } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as loginPage from '../../app/routes/login';
import * as magicLinkPage from '../../app/routes/magic-link.$token';
import * as resetPage from '../../app/routes/reset-password.$token';
import * as resetRequestPage from '../../app/routes/reset-password._index';
import * as signupPage from '../../app/routes/signup';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { integrationOutbox } from '../../db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;
let orgId: string;

const PASSWORD = 'the right password';
const from = (ip: string) => loadContext(database.db, ip);

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  orgId = (await createOrganization(database.db, { slug: 'abuse', name: 'Abuse', timeZone: 'America/New_York' })).id;
});
afterAll(() => database?.close());

async function linksTo(topic: string, email: string): Promise<string[]> {
  const rows = await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.topic, topic));
  return rows
    .filter((r) => (r.payload as { email: string }).email === email)
    .map((r) => (r.payload as { url: string }).url.split('/').at(-1)!);
}

const askFor = (kind: 'magic-link' | 'reset', email: string, ctx = context) =>
  respond(() =>
    kind === 'magic-link'
      ? loginPage.action({
          request: request('/login', { form: { intent: 'magic-link', email } }),
          params: {},
          context: ctx,
        })
      : resetRequestPage.action({ request: request('/reset-password', { form: { email } }), params: {}, context: ctx }),
  );

const signIn = (email: string, password: string, ctx: AppLoadContext) =>
  respond(() =>
    loginPage.action({
      request: request('/login', { form: { intent: 'password', email, password } }),
      params: {},
      context: ctx,
    }),
  );

const useMagicLink = (token: string) =>
  respond(() =>
    magicLinkPage.action({ request: request(`/magic-link/${token}`, { method: 'POST' }), params: { token }, context }),
  );

const useResetLink = (token: string, password: string) =>
  respond(() =>
    resetPage.action({
      request: request(`/reset-password/${token}`, { form: { password, confirm: password } }),
      params: { token },
      context,
    }),
  );

describe('sign-in links, resets and sign-up under attack', () => {
  it('a password reset voids every sign-in and reset link sent before it', async () => {
    const { user } = await memberWithSession(context, orgId, 'reset@abuse.test', 'resident');
    await askFor('magic-link', user.email);
    await askFor('reset', user.email);
    await askFor('reset', user.email);
    const [magic] = await linksTo('account.magic_link', user.email);
    const [firstReset, secondReset] = await linksTo('account.password_reset', user.email);
    expect((await useResetLink(secondReset, 'a fresh password 1')).status).toBe(302);
    // Voided links answer as any link that does not work (docs/design.md §8).
    expect((await useMagicLink(magic)).status).toBe(404);
    expect((await useResetLink(firstReset, 'a fresh password 2')).status).toBe(404);
  });

  it('mails one address only a few links an hour, whoever asks and from wherever', async () => {
    await memberWithSession(context, orgId, 'flooded@abuse.test', 'resident');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (await askFor(i % 2 ? 'reset' : 'magic-link', 'flooded@abuse.test', from(`198.51.100.${i}`))).status,
      );
    const sent =
      (await linksTo('account.magic_link', 'flooded@abuse.test')).length +
      (await linksTo('account.password_reset', 'flooded@abuse.test')).length;
    expect(sent).toBe(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
  });

  it('bad passwords from one address do not lock the owner out elsewhere', async () => {
    await memberWithSession(context, orgId, 'target@abuse.test', 'admin');
    const { hashPassword } = await import('../../db/operations/accounts/passwords');
    const { users } = await import('../../db/schema/index');
    await database.db
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.email, 'target@abuse.test'));
    const attacker = from('203.0.113.66');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn('target@abuse.test', `guess ${i}`, attacker)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const owner = await signIn('target@abuse.test', PASSWORD, from('192.0.2.10'));
    expect(owner.status).toBe(302);
  });

  it('sign-up answers the same whether or not the address has an account, and mails its owner', async () => {
    await memberWithSession(context, orgId, 'taken@abuse.test', 'resident');
    const signUp = (email: string) =>
      respond(() =>
        signupPage.action({
          request: request('/signup', { form: { name: 'Someone', email, password: 'a long password' } }),
          params: {},
          context: from('192.0.2.77'),
        }),
      );
    const taken = await signUp('taken@abuse.test');
    const fresh = await signUp('fresh@abuse.test');
    expect(taken.status).toBe(fresh.status);
    expect(taken.headers.get('set-cookie')).toBe(fresh.headers.get('set-cookie'));
    const shape = async (r: Response, email: string) => JSON.stringify(await r.json()).replaceAll(email, 'EMAIL');
    expect(await shape(taken, 'taken@abuse.test')).toBe(await shape(fresh, 'fresh@abuse.test'));
    expect(await linksTo('account.magic_link', 'taken@abuse.test')).toHaveLength(1);
    expect(await linksTo('account.magic_link', 'fresh@abuse.test')).toHaveLength(1);
  });
});
