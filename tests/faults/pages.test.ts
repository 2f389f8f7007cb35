import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as resourcesPage from '../../app/routes/$org.admin.resources._index';
import * as workshopEdit from '../../app/routes/$org.admin.workshops.$id';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTestResource } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

/** Sends the headers and the first bytes of a body, and resolves with the status the server answers. */
function postPartly(
  url: string,
  headers: Record<string, string>,
  firstBytes: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s: the body is being read')));
    req.on('error', reject);
    req.write(firstBytes);
  });
}

describe('page bodies and origins', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a 100 MB anonymous form post to /login before reading it', async () => {
    const answer = await postPartly(
      `${server.baseUrl}/login`,
      {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(100 * 1024 * 1024),
        origin: server.baseUrl,
      },
      Buffer.alloc(64 * 1024, 'a'),
    );
    expect(answer.status).toBe(413);
  });

  it('refuses a form sent without a length (chunked)', async () => {
    const answer = await postPartly(
      `${server.baseUrl}/login`,
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', origin: server.baseUrl },
      Buffer.from('4\r\nemai\r\n'),
    );
    expect(answer.status).toBe(411);
  });

  it('lets an upload of 1 MB through, bounded higher than a form', async () => {
    const boundary = 'x-boundary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${'a'.repeat(1024 * 1024)}\r\n--${boundary}--\r\n`,
    );
    const response = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: server.baseUrl },
      body,
    });
    expect([413, 411, 403, 500]).not.toContain(response.status);
  });

  it('refuses a form post from a foreign Origin with 403, not 500', async () => {
    const post = (origin: string) =>
      fetch(`${server.baseUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: 'email=someone%40example.org&password=wrong-password',
        redirect: 'manual',
      });
    expect((await post('https://attacker.example')).status).toBe(403);
    expect((await post('null')).status).toBe(403);
    expect([403, 413, 500]).not.toContain((await post(server.baseUrl)).status);
  });

  it('does not let a forged X-Forwarded-Host vouch for a foreign Origin (no TRUST_PROXY)', async () => {
    const response = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://attacker.example',
        'x-forwarded-host': 'attacker.example',
      },
      body: 'email=someone%40example.org&password=wrong-password',
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
  });
});

describe("another organization's ids on admin pages", () => {
  let database: TestDatabase;
  let context: ReturnType<typeof loadContext>;
  let cookie: string;
  let foreignResourceId: string;
  let foreignWorkshopId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    context = loadContext(database.db);
    const own = await createOrganization(database.db, { slug: 'own', name: 'Own', timeZone: 'America/New_York' });
    const other = await createOrganization(database.db, { slug: 'other', name: 'Other', timeZone: 'America/New_York' });
    ({ cookie } = await memberWithSession(context, own.id, 'admin@own.test', 'admin'));
    foreignResourceId = (await createTestResource(database.db, other.id, { title: 'Their kiln' })).id;
    const { workshop } = await createWorkshopWithSession(database.db, {
      orgId: other.id,
      resourceId: foreignResourceId,
      slug: 'their-workshop',
      capacity: 5,
      startsAt: '2030-01-07T23:00:00Z',
      endsAt: '2030-01-07T23:45:00Z',
    });
    foreignWorkshopId = workshop.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('archiving a resource of another organization from your own page answers 404', async () => {
    const response = await respond(() =>
      resourcesPage.action({
        request: request('/own/admin/resources', { cookie, form: { id: foreignResourceId, archived: 'true' } }),
        context,
        params: { org: 'own' },
      } as never),
    );
    expect(response.status).toBe(404);
  });

  it("saving another organization's workshop from your own page answers 404", async () => {
    const response = await respond(() =>
      workshopEdit.action({
        request: request(`/own/admin/workshops/${foreignWorkshopId}`, {
          cookie,
          form: { title: 'Taken over', capacity: '5' },
        }),
        context,
        params: { org: 'own', id: foreignWorkshopId },
      } as never),
    );
    expect(response.status).toBe(404);
  });
});
