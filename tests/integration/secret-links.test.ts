import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as invitationPage from '../../app/routes/invitations.$token';
import * as magicLinkPage from '../../app/routes/magic-link.$token';
import * as resetPage from '../../app/routes/reset-password.$token';
import { consumeToken, issueToken, type TokenPurpose } from '../../db/operations/accounts/auth-tokens';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;
let orgId: string;
let memberId: string;
let memberCookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  orgId = (
    await createOrganization(database.db, { slug: 'locust', name: 'Locust Projects', timeZone: 'America/New_York' })
  ).id;
  const member = await memberWithSession(context, orgId, 'mia@locust.test', 'resident');
  memberId = member.user.id;
  memberCookie = member.cookie;
});
afterAll(() => database?.close());

// Fixed instants: a link issued in 2020 has long expired; one issued "now" is still good.
const LONG_AGO = new Date('2020-03-08T06:30:00Z');

async function linkOf(purpose: TokenPurpose, now = new Date()): Promise<string> {
  const { token } = await issueToken(database.db, {
    purpose,
    email: 'mia@locust.test',
    userId: purpose === 'invitation' ? null : memberId,
    orgId: purpose === 'invitation' ? orgId : null,
    role: purpose === 'invitation' ? 'staff' : null,
    now,
  });
  return token;
}

/** A never-issued token, one that expired, and one already used: the three ways a link stops working. */
async function deadLinks(purpose: TokenPurpose): Promise<Record<string, string>> {
  const used = await linkOf(purpose);
  await consumeToken(database.db, purpose, used);
  return { unknown: 'QmFkLXRva2VuLXRoYXQtd2FzLW5ldmVyLWlzc3VlZA', expired: await linkOf(purpose, LONG_AGO), used };
}

type Handler = (args: { request: Request; params: { token: string }; context: AppLoadContext }) => Promise<unknown>;

async function answersOf(handler: Handler, path: string, tokens: Record<string, string>, init = {}) {
  const answers: Record<string, { status: number; body: unknown; cache: string | null }> = {};
  for (const [reason, token] of Object.entries(tokens)) {
    const response = await respond(() =>
      handler({ request: request(`${path}/${token}`, init), params: { token }, context }),
    );
    answers[reason] = {
      status: response.status,
      body: await response.json(),
      cache: response.headers.get('cache-control'),
    };
  }
  return answers;
}

/** Every reason answers exactly the same: a guess learns nothing that the link's holder would not. */
function expectAlike(
  answers: Record<string, { status: number; body: unknown; cache: string | null }>,
  expected: object,
) {
  expect(answers.unknown).toEqual({ status: 404, body: expect.objectContaining(expected), cache: 'private, no-store' });
  expect(answers).toEqual({ unknown: answers.unknown, expired: answers.unknown, used: answers.unknown });
}

describe('secret links that do not work answer alike', () => {
  it('sign-in links: opening and using one', async () => {
    const tokens = await deadLinks('magic_link');
    const expected = {
      linkNotValid: 'sign-in',
      title: 'This sign-in link is not valid',
      why: 'A sign-in link works once, for 15 minutes. This one has expired, has been used, or was not copied whole.',
      actions: [{ label: 'Ask for a new sign-in link', href: '/login' }],
    };
    expectAlike(await answersOf(magicLinkPage.loader as Handler, '/magic-link', tokens), expected);
    expectAlike(await answersOf(magicLinkPage.action as Handler, '/magic-link', tokens, { method: 'POST' }), expected);
  });

  it('password reset links: opening one, and sending the form, good or not', async () => {
    const tokens = await deadLinks('password_reset');
    const expected = { linkNotValid: 'password-reset', title: 'This password reset link is not valid' };
    expectAlike(await answersOf(resetPage.loader as Handler, '/reset-password', tokens), expected);
    for (const form of [
      { password: 'a brand new secret', confirm: 'a brand new secret' },
      { password: 'short', confirm: 'other' },
    ])
      expectAlike(await answersOf(resetPage.action as Handler, '/reset-password', tokens, { form }), expected);
  });

  it('invitations: opening one, and accepting it signed in', async () => {
    const tokens = await deadLinks('invitation');
    const expected = {
      linkNotValid: 'invitation',
      why: 'An invitation works once, for 7 days. This one has expired, has been accepted, or was not copied whole.',
      nextStep: 'Ask the person who invited you to send a new one.',
    };
    expectAlike(await answersOf(invitationPage.loader as Handler, '/invitations', tokens), expected);
    expectAlike(
      await answersOf(invitationPage.action as Handler, '/invitations', tokens, {
        method: 'POST',
        cookie: memberCookie,
      }),
      expected,
    );
  });

  it('a link that works is shown to its holder, and kept out of shared caches and search engines', async () => {
    const token = await linkOf('magic_link');
    const shown = await respond(() =>
      magicLinkPage.loader({ request: request(`/magic-link/${token}`), params: { token }, context }),
    );
    expect([shown.status, await shown.json()]).toEqual([200, { email: 'mia@locust.test' }]);
    expect(magicLinkPage.headers({} as never)).toEqual({
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'same-origin',
      'X-Robots-Tag': 'noindex',
    });
  });
});
