import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as loginPage from '../../app/routes/login';
import * as magicLinkPage from '../../app/routes/magic-link.$token';
import * as signupPage from '../../app/routes/signup';
import { parseConfig } from '../../config/env';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { integrationOutbox } from '../../db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond, TEST_ORIGIN } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;
let cookie: string;

const HOSTILE = [
  '/\t/evil.example',
  '/%09/evil.example',
  '//evil.example',
  '/\\evil.example',
  '/.//evil.example',
  '/\r\nSet-Cookie: stolen=1',
  '/ok\u0000',
  'https://evil.example/',
  'javascript:alert(1)',
];

/** Where a browser goes with this Location header. */
const destination = (response: Response) => new URL(response.headers.get('location')!, TEST_ORIGIN);

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  const org = await createOrganization(database.db, { slug: 'here', name: 'Here', timeZone: 'America/New_York' });
  cookie = (await memberWithSession(context, org.id, 'me@here.test', 'admin')).cookie;
});
afterAll(() => database?.close());

describe('redirectTo stays on this site', () => {
  it.each(HOSTILE)('the sign-in page sends a signed-in visitor home for %j', async (target) => {
    const query = target === '/%09/evil.example' ? target : encodeURIComponent(target);
    const response = await respond(() =>
      loginPage.loader({ request: request(`/login?redirectTo=${query}`, { cookie }), params: {}, context }),
    );
    expect(response.status).toBe(302);
    expect(destination(response).origin).toBe(TEST_ORIGIN);
    expect(response.headers.get('location')).toBe('/');
  });

  it.each(HOSTILE)('signing in with %j lands on this site', async (redirectTo) => {
    const response = await respond(() =>
      signupPage.action({
        request: request('/signup', {
          form: {
            name: 'Visitor',
            email: `v${HOSTILE.indexOf(redirectTo)}@here.test`,
            password: 'long enough pw',
            redirectTo,
          },
        }),
        params: {},
        context,
      }),
    );
    expect(response.status).toBeLessThan(500);
    if (response.headers.get('location')) expect(destination(response).origin).toBe(TEST_ORIGIN);
  });

  it('keeps a same-site path with its query and fragment', async () => {
    const response = await respond(() =>
      loginPage.loader({
        request: request(`/login?redirectTo=${encodeURIComponent('/here/admin?tab=mail#top')}`, { cookie }),
        params: {},
        context,
      }),
    );
    expect(response.headers.get('location')).toBe('/here/admin?tab=mail#top');
  });

  /** A real sign-in link for me@here.test, asked from the login page with `redirectTo` (many an hour here). */
  async function signInLink(redirectTo: string): Promise<URL> {
    const config = parseConfig({ PUBLIC_URL: TEST_ORIGIN, ACCOUNT_EMAILS_PER_EMAIL_PER_HOUR: '100' });
    const asked = await respond(() =>
      loginPage.action({
        request: request('/login', { form: { intent: 'magic-link', email: 'me@here.test', redirectTo } }),
        params: {},
        context: { ...context, config },
      }),
    );
    expect(asked.status).toBe(200);
    const events = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'account.magic_link'));
    const mine = events.filter((e) => (e.payload as { email: string }).email === 'me@here.test');
    return new URL((mine.at(-1)!.payload as { url: string }).url);
  }

  const openLink = (link: URL, search = link.search) => {
    const token = link.pathname.split('/').at(-1)!;
    return respond(() =>
      magicLinkPage.action({
        request: request(`/magic-link/${token}${search}`, { method: 'POST' }),
        params: { token },
        context,
      }),
    );
  };

  it('a sign-in link carries where to land, read by the same helper', async () => {
    const link = await signInLink('/here/admin?tab=mail');
    expect(link.searchParams.get('redirectTo')).toBe('/here/admin?tab=mail');
    expect((await openLink(link)).headers.get('location')).toBe('/here/admin?tab=mail');
  });

  it('a sign-in link with a hostile redirectTo put on it still lands on this site', async () => {
    for (const target of HOSTILE) {
      const link = await signInLink('/');
      const landed = await openLink(link, `?redirectTo=${encodeURIComponent(target)}`);
      expect([target, landed.status, destination(landed).origin]).toEqual([target, 302, TEST_ORIGIN]);
    }
  });
});
