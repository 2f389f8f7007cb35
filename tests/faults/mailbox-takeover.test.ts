import type { AppLoadContext } from '@remix-run/node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mailboxMessage from '../../app/routes/$org.admin.mailbox.$id';
import * as mailboxPage from '../../app/routes/$org.admin.mailbox._index';
import * as loginPage from '../../app/routes/login';
import { parseConfig } from '../../config/env';
import { inviteMember } from '../../db/operations/accounts/memberships';
import { emailMessages } from '../../db/schema/index';
import { createDispatcher } from '../../workers/dispatch';
import { createDevMailbox } from '../../workers/mailer/dev-mailbox';
import { startRelay } from '../../workers/relay';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, type OrgFixture } from '../support/fixtures';
import { memberWithSession, request, respond, TEST_ORIGIN } from '../support/remix';

let database: TestDatabase;
let api: ApiServer;
let alpha: OrgFixture;
let beta: OrgFixture;
let adminCookie: string;

/** The context of a web process with the given configuration (the database is the test's own). */
function contextWith(env: Record<string, string>): AppLoadContext {
  return { db: database.db, config: parseConfig({ PUBLIC_URL: TEST_ORIGIN, ...env }), clientIp: '203.0.113.50' };
}
const production = () => contextWith({ DATABASE_URL: 'postgres://db.internal/infra24' });

/** What the worker does: every pending email goes to the dev mailbox (no RESEND_API_KEY). */
async function deliverPendingEmails() {
  const relay = await startRelay({
    db: database.db,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 3_600_000,
    deliver: createDispatcher({
      db: database.db,
      mailer: createDevMailbox(database.db),
      from: 'no-reply@infra24.test',
    }),
  });
  await relay.idle();
  await relay.stop(100);
}

async function askForSignInLink(email: string) {
  const response = await respond(() =>
    loginPage.action({
      request: request('/login', { form: { intent: 'magic-link', email } }),
      params: {},
      context: production(),
    }),
  );
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startApiServer(database.db);
  alpha = await createOrgWithKeys(database.db, 'alpha');
  beta = await createOrgWithKeys(database.db, 'beta');
  const context = production();
  adminCookie = (await memberWithSession(context, alpha.org.id, 'director@alpha.test', 'admin')).cookie;
  // A member of both: a resident of alpha who runs beta.
  await memberWithSession(context, alpha.org.id, 'both@beta.test', 'resident');
  await memberWithSession(context, beta.org.id, 'both@beta.test', 'admin');
  await askForSignInLink('director@alpha.test');
  await askForSignInLink('both@beta.test');
  await inviteMember(database.db, {
    org: alpha.org,
    actor: { type: 'user', id: null, role: 'admin', name: 'Director' },
    email: 'newcomer@alpha.test',
    role: 'admin',
    baseUrl: TEST_ORIGIN,
  });
  await deliverPendingEmails();
});
afterAll(async () => {
  await api?.close();
  await database?.close();
});

describe("a staff key cannot read its way into someone's account", () => {
  it('the emails with links were delivered (the chain starts from them)', async () => {
    const rows = await database.db.select().from(emailMessages);
    const withLinks = rows.filter((r) => /\/(magic-link|invitations)\//.test(r.text));
    expect(withLinks.map((r) => r.toAddress).sort()).toEqual([
      'both@beta.test',
      'director@alpha.test',
      'newcomer@alpha.test',
    ]);
    expect(withLinks.every((r) => r.carriesSecretLink)).toBe(true);
  });

  it("alpha's staff key sees no sign-in or invitation link in the mailbox API, listed or fetched by id", async () => {
    const list = await api.request('GET', '/orgs/alpha/mailbox', { key: alpha.staffKey });
    expect(list.status).toBe(200);
    expect(list.body.messages).toEqual([]);
    for (const row of await database.db.select().from(emailMessages)) {
      for (const org of ['alpha', 'beta']) {
        const one = await api.request('GET', `/orgs/${org}/mailbox/${row.id}`, { key: alpha.staffKey });
        expect(one.status, `${org} ${row.toAddress}`).not.toBe(200);
        expect(JSON.stringify(one.body)).not.toContain('/magic-link/');
      }
    }
    // beta's own admin key cannot read its admin's link either.
    const betaList = await api.request('GET', '/orgs/beta/mailbox', { key: beta.adminKey });
    expect(betaList.body.messages).toEqual([]);
  });

  it('the mailbox page shows them to nobody, unless the whole installation is a demo with no email provider', async () => {
    const rows = await database.db.select().from(emailMessages);
    const pageFor = (context: AppLoadContext) =>
      respond(() =>
        mailboxPage.loader({
          request: request('/alpha/admin/mailbox', { cookie: adminCookie }),
          params: { org: 'alpha' },
          context,
        }),
      ).then((r) => r.json() as Promise<{ messages: { subject: string }[]; showSecretLinks: boolean }>);
    for (const context of [production(), contextWith({ DEMO: '1', RESEND_API_KEY: 're_live_key' })]) {
      const page = await pageFor(context);
      expect(page).toMatchObject({ messages: [], showSecretLinks: false });
      for (const row of rows) {
        const one = await respond(() =>
          mailboxMessage.loader({
            request: request(`/alpha/admin/mailbox/${row.id}`, { cookie: adminCookie }),
            params: { org: 'alpha', id: row.id },
            context,
          }),
        );
        expect(one.status).toBe(404);
      }
    }
    const demo = await pageFor(contextWith({ DEMO: '1' }));
    expect(demo.showSecretLinks).toBe(true);
    expect(demo.messages.length).toBeGreaterThan(0);
  });
});
