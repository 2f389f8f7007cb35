import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteDraftAccess } from '../../app/remote-drafts.server';
import { draftMaps, readDraft } from '../../core/draft/model';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { assertBuilt, freePort, runProcess, startProcess, type RunningProcess } from '../support/processes';
import { loadContext, memberWithSession } from '../support/remix';
import { seasonDocumentName } from '../../core/draft/document-name';

const SERVICE_TOKEN = 'a-service-token-for-tests-0123456789abcdef';
const TIMEOUT_MS = 1_500;

let database: TestDatabase;
let fixture: OrgFixture;
let roomId: string;
let seasonId: string;
let documentName: string;
let cookie: string;
let collab: RunningProcess;
let web: RunningProcess;
let collabUrl: string;
let webUrl: string;
const clients: DraftClient[] = [];

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${webUrl}/api/v1/orgs/apart-org${path}`, {
    method,
    headers: { authorization: `Bearer ${fixture.staffKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

function open(options: { cookie?: string; token?: string; name?: string } = {}): DraftClient {
  const client = connectDraft({
    url: collabUrl,
    name: options.name ?? documentName,
    cookie: options.cookie,
    token: options.token,
  });
  clients.push(client);
  return client;
}

describe.skipIf(needsPostgres('tests/integration/collab-apart.test.ts'))('web and collab as separate processes', () => {
  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase();
    fixture = await createOrgWithKeys(database.db, 'apart-org');
    roomId = (await createTestResource(database.db, fixture.org.id, { title: 'Print studio' })).id;
    cookie = (await memberWithSession(loadContext(database.db), fixture.org.id, 'planner@apart.test', 'staff')).cookie;
    const [collabPort, webPort] = [await freePort(), await freePort()];
    collabUrl = `ws://127.0.0.1:${collabPort}/collab`;
    webUrl = `http://127.0.0.1:${webPort}`;
    const shared = { DATABASE_URL: database.url!, DEMO: '0', LOG_LEVEL: 'warn', COLLAB_SERVICE_TOKEN: SERVICE_TOKEN };
    collab = startProcess('server.ts', ['collab'], { ...shared, PORT: String(collabPort) });
    await collab.waitFor(/API reference/, 60_000);
    web = startProcess('server.ts', ['web'], {
      ...shared,
      PORT: String(webPort),
      PUBLIC_URL: webUrl,
      COLLAB_URL: collabUrl,
      COLLAB_PUBLIC_URL: `ws://localhost:${collabPort}/collab`,
      COLLAB_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    await web.waitFor(/API reference/, 60_000);
    const created = await call('POST', '/seasons', {
      name: 'Spring 2030',
      startsOn: '2030-03-01',
      endsOn: '2030-05-31',
    });
    seasonId = created.body.id;
    documentName = seasonDocumentName(fixture.org.id, seasonId);
  }, 150_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await web?.stop();
    await collab?.stop();
    await database?.close();
  });

  it('says at start-up where the web process reaches the drafts', () => {
    expect(web.output()).toContain(`Season drafts: through the collab process at ${collabUrl}`);
  });

  it('adds items through the web process: a co-editor on the collab process sees them, and the web process reads them back', async () => {
    const coEditor = open({ cookie });
    await coEditor.ready;
    const added = await call('POST', `/seasons/${seasonId}/draft/items`, {
      workshops: [{ key: 'riso', title: 'Risograph printing', capacity: 8, tags: ['print'] }],
      sessions: [
        {
          id: 'riso-1',
          workshopKey: 'riso',
          resourceId: roomId,
          startsAt: '2030-03-05T23:00:00Z',
          endsAt: '2030-03-06T01:00:00Z',
        },
        {
          id: 'riso-2',
          workshopKey: 'riso',
          resourceId: roomId,
          startsAt: '2030-03-12T22:00:00Z',
          endsAt: '2030-03-13T00:00:00Z',
        },
      ],
    });
    expect([added.status, added.body.sessions]).toEqual([200, ['riso-1', 'riso-2']]);
    // The answer comes after the collab process acknowledged the change: the co-editor has it at once.
    await expect
      .poll(() => Object.keys(readDraft(coEditor.doc).sessions).sort(), { timeout: 2_000 })
      .toEqual(['riso-1', 'riso-2']);

    // An edit made in the browser is what the web process reads next.
    const Y = await import('yjs');
    draftMaps(coEditor.doc).blocks.set(
      'install',
      new Y.Map<unknown>(
        Object.entries({
          id: 'install',
          title: 'Install week',
          resourceId: roomId,
          startsAt: '2030-04-06T14:00:00Z',
          endsAt: '2030-04-10T22:00:00Z',
        }),
      ),
    );
    await coEditor.settled();
    const draft = await call('GET', `/seasons/${seasonId}/draft`);
    expect(draft.status).toBe(200);
    expect(Object.keys(draft.body.sessions).sort()).toEqual(['riso-1', 'riso-2']);
    expect(draft.body.workshops.riso.title).toBe('Risograph printing');
    expect(Object.keys(draft.body.blocks)).toEqual(['install']);
  });

  it('serves many requests at once on one connection, each answered after the collab process holds it', async () => {
    const coEditor = open({ cookie });
    await coEditor.ready;
    const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    const answers = await Promise.all(
      ids.map((id, i) =>
        call('POST', `/seasons/${seasonId}/draft/items`, {
          blocks: [
            {
              id,
              title: `Hold ${i}`,
              resourceId: roomId,
              startsAt: `2030-05-${String(i + 1).padStart(2, '0')}T14:00:00Z`,
              endsAt: `2030-05-${String(i + 1).padStart(2, '0')}T15:00:00Z`,
            },
          ],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    await expect
      .poll(() => ids.filter((id) => id in readDraft(coEditor.doc).blocks).length, { timeout: 2_000 })
      .toBe(20);
    const draft = await call('GET', `/seasons/${seasonId}/draft`);
    expect(ids.every((id) => id in draft.body.blocks)).toBe(true);
    // Taken out again, so the season below publishes only what it names.
    coEditor.doc.transact(() => {
      for (const id of ids) draftMaps(coEditor.doc).blocks.delete(id);
    });
    await coEditor.settled();
    await expect
      .poll(async () => Object.keys((await call('GET', `/seasons/${seasonId}/draft`)).body.blocks))
      .toEqual(['install']);
  });

  it('publishes the live draft through the web process: bookings are committed and every co-editor sees the report', async () => {
    const coEditor = open({ cookie });
    await coEditor.ready;
    const dry = await call('POST', `/seasons/${seasonId}/publish?dryRun=1`);
    expect([dry.status, dry.body.published, dry.body.diff.added.length]).toEqual([200, false, 3]);
    const published = await call('POST', `/seasons/${seasonId}/publish`);
    expect([published.status, published.body.published, published.body.revision]).toEqual([200, true, 1]);
    await expect
      .poll(() => (draftMaps(coEditor.doc).publish.get('last') as { revision?: number } | undefined)?.revision, {
        timeout: 2_000,
      })
      .toBe(1);
    const bookings = await call('GET', '/bookings?from=2030-03-01T00:00:00Z&to=2030-05-01T00:00:00Z');
    expect(bookings.body.bookings.map((b: { title: string; source: string }) => [b.title, b.source])).toEqual([
      ['Risograph printing', 'publish'],
      ['Risograph printing', 'publish'],
      ['Install week', 'publish'],
    ]);
  });

  it("publishes from the board's own route too, with the report written into the draft", async () => {
    const coEditor = open({ cookie });
    await coEditor.ready;
    const Y = await import('yjs');
    draftMaps(coEditor.doc).sessions.set(
      'riso-3',
      new Y.Map<unknown>(
        Object.entries({
          id: 'riso-3',
          workshopKey: 'riso',
          resourceId: roomId,
          startsAt: '2030-03-19T22:00:00Z',
          endsAt: '2030-03-20T00:00:00Z',
        }),
      ),
    );
    await coEditor.settled();
    const response = await fetch(`${webUrl}/apart-org/admin/seasons/${seasonId}/publish`, {
      method: 'POST',
      headers: { cookie, origin: webUrl },
    });
    const report = await response.json();
    expect([
      response.status,
      report.published,
      report.revision,
      report.diff.added.map((a: { id: string }) => a.id),
    ]).toEqual([200, true, 2, ['riso-3']]);
    await expect
      .poll(
        () =>
          (draftMaps(coEditor.doc).publish.get('last') as { revision?: number; publishedByName?: string } | undefined)
            ?.publishedByName,
        { timeout: 2_000 },
      )
      .toBe('planner');
  });

  it("points the board's browser at COLLAB_PUBLIC_URL", async () => {
    const page = await fetch(`${webUrl}/apart-org/admin/seasons/${seasonId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`ws://localhost:${new URL(collabUrl).port}/collab`);
  });

  it('refuses a wrong service token, and a service connection to a season that does not exist', async () => {
    await expect(open({ token: 'service:not-the-token-0123456789abcdef0123' }).ready).rejects.toThrow(
      'Wrong service token',
    );
    await expect(open({ token: 'service:' }).ready).rejects.toThrow('Wrong service token');
    const unknown = documentName.replace(/season:.*/, 'season:00000000-0000-4000-8000-000000000000');
    await expect(open({ token: `service:${SERVICE_TOKEN}`, name: unknown }).ready).rejects.toThrow('No such season');
    // The right token opens an existing season's draft.
    await expect(open({ token: `service:${SERVICE_TOKEN}` }).ready).resolves.toBeUndefined();
  });

  it('answers a web process holding the wrong token with 503 naming COLLAB_SERVICE_TOKEN, at once', async () => {
    const drafts = remoteDraftAccess({ url: collabUrl, serviceToken: 'x'.repeat(40), timeoutMs: 10_000 });
    const started = Date.now();
    await expect(drafts.change(fixture.org.id, seasonId, readDraft)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('COLLAB_SERVICE_TOKEN'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    drafts.close();
  });

  it('answers 503 within COLLAB_TIMEOUT_MS, naming the collab address, while the collab process is down', async () => {
    expect(await collab.stop('SIGTERM')).toBe(0);
    const started = Date.now();
    const [down, ...alsoDown] = await Promise.all([1, 2, 3].map(() => call('GET', `/seasons/${seasonId}/draft`)));
    const waited = Date.now() - started;
    expect([down.status, down.body.error.code]).toEqual([503, 'unavailable']);
    expect(alsoDown.map((answer) => answer.status)).toEqual([503, 503]);
    expect(down.body.error.message).toContain(`The collab process at ${collabUrl} did not answer`);
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(waited).toBeLessThan(TIMEOUT_MS + 3_000);
    const publish = await call('POST', `/seasons/${seasonId}/publish`);
    expect([publish.status, publish.body.error.code]).toEqual([503, 'unavailable']);
    // Nothing was published while the draft could not be read.
    const bookings = await call('GET', '/bookings?from=2030-03-01T00:00:00Z&to=2030-05-01T00:00:00Z');
    expect(bookings.body.bookings).toHaveLength(4);
  }, 20_000);

  it('reaches the drafts again once the collab process is back', async () => {
    const port = new URL(collabUrl).port;
    collab = startProcess('server.ts', ['collab'], {
      DATABASE_URL: database.url!,
      DEMO: '0',
      LOG_LEVEL: 'warn',
      COLLAB_SERVICE_TOKEN: SERVICE_TOKEN,
      PORT: port,
    });
    await collab.waitFor(/API reference/, 60_000);
    const draft = await call('GET', `/seasons/${seasonId}/draft`);
    expect([draft.status, Object.keys(draft.body.sessions).sort()]).toEqual([200, ['riso-1', 'riso-2', 'riso-3']]);
  }, 90_000);
});

describe('start-up of a web process apart from collab', () => {
  it('stops with a message naming COLLAB_URL and COLLAB_SERVICE_TOKEN when they are missing or wrong', async () => {
    const env = { DATABASE_URL: 'postgres://127.0.0.1:1/none', PORT: '0', DEMO: '0' };
    const missing = await runProcess('server.ts', ['web'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/COLLAB_URL: required when the web process runs without the collab process/);
    expect(missing.stderr).toMatch(/COLLAB_SERVICE_TOKEN: required when the web and collab processes run apart/);
    const wrong = await runProcess('server.ts', ['web'], {
      ...env,
      COLLAB_URL: 'http://collab.internal/collab',
      COLLAB_SERVICE_TOKEN: 'short',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/COLLAB_URL: must be a ws:\/\/ or wss:\/\/ URL/);
    expect(wrong.stderr).toMatch(/COLLAB_SERVICE_TOKEN: must be at least 32 characters/);
    const collabAlone = await runProcess('server.ts', ['collab'], env);
    expect([collabAlone.code, collabAlone.stderr]).toEqual([
      1,
      expect.stringMatching(/COLLAB_SERVICE_TOKEN: required/),
    ]);
  }, 60_000);
});
