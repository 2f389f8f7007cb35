import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as workshopPage from '../../app/routes/$org.workshops.$slug';
import * as loginPage from '../../app/routes/login';
import * as resetRequestPage from '../../app/routes/reset-password._index';
import * as signupPage from '../../app/routes/signup';
import { parseConfig } from '../../config/env';
import { rateLimits } from '../../config/rate-limits';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource } from '../support/fixtures';
import { request, respond, TEST_ORIGIN } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

let database: TestDatabase;
let api: ApiServer;
let sessionId: string;

/** Every limit set to a small number, as an operator would in the environment. */
const config = parseConfig({
  PUBLIC_URL: TEST_ORIGIN,
  SIGN_INS_PER_IP_PER_15_MIN: '2',
  ACCOUNT_EMAILS_PER_IP_PER_HOUR: '2',
  REGISTRATIONS_PER_EMAIL_PER_HOUR: '1',
});
const fromIp = (clientIp: string): AppLoadContext => ({ db: database.db, config, clientIp });

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startApiServer(database.db, { registrationRateLimits: rateLimits(config).registration });
  const fixture = await createOrgWithKeys(database.db, 'limits');
  const room = await createTestResource(database.db, fixture.org.id, { title: 'Classroom' });
  const { session } = await createWorkshopWithSession(database.db, {
    orgId: fixture.org.id,
    resourceId: room.id,
    slug: 'etching',
    capacity: 20,
    startsAt: '2030-04-02T22:00:00Z',
    endsAt: '2030-04-03T00:00:00Z',
  });
  sessionId = session.id;
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

/** The statuses of three tries of `run` from one client address. */
async function threeTries(run: (context: AppLoadContext, i: number) => Promise<unknown>, ip: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await respond(() => run(fromIp(ip), i))).status);
  return statuses;
}

describe('every rate limit comes from configuration', () => {
  it('password sign-in', async () => {
    const form = (i: number) => ({ intent: 'password', email: `who${i}@limits.test`, password: 'wrong password' });
    expect(
      await threeTries(
        (context, i) => loginPage.action({ request: request('/login', { form: form(i) }), params: {}, context }),
        '192.0.2.1',
      ),
    ).toEqual([401, 401, 429]);
  });

  it('sign-in links, reset links and sign-ups share the account-email limit', async () => {
    const ip = '192.0.2.2';
    const statuses = [
      ...(await threeTries(
        (context, i) =>
          loginPage.action({
            request: request('/login', { form: { intent: 'magic-link', email: `m${i}@limits.test` } }),
            params: {},
            context,
          }),
        ip,
      )),
      (
        await respond(() =>
          resetRequestPage.action({
            request: request('/reset-password', { form: { email: 'r@limits.test' } }),
            params: {},
            context: fromIp(ip),
          }),
        )
      ).status,
      (
        await respond(() =>
          signupPage.action({
            request: request('/signup', { form: { name: 'S', email: 's@limits.test', password: 'long password!' } }),
            params: {},
            context: fromIp(ip),
          }),
        )
      ).status,
    ];
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
  });

  it('workshop registrations: the page and the API count one email together, however it is written', async () => {
    const page = await respond(() =>
      workshopPage.action({
        request: request('/limits/workshops/etching', {
          form: { sessionId, name: 'Rosa', email: 'Rosa@Example.org' },
        }),
        params: { org: 'limits', slug: 'etching' },
        context: fromIp('192.0.2.3'),
      }),
    );
    expect(page.status).toBe(302);
    const viaApi = await api.request('POST', `/orgs/limits/sessions/${sessionId}/registrations`, {
      body: { name: 'Rosa', email: 'rosa@example.org' },
    });
    expect([viaApi.status, Object.keys(viaApi.body.error?.fields ?? {})]).toEqual([429, ['email']]);
  });
});
