import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { assertBuilt, freePort, startProcess, type RunningProcess } from '../support/processes';

const SERVICE_TOKEN = 'a-service-token-for-tests-0123456789abcdef';
const skip =
  needsChromium('tests/e2e/season-board-apart.test.ts') || needsPostgres('tests/e2e/season-board-apart.test.ts');

let database: TestDatabase;
let collab: RunningProcess;
let web: RunningProcess;
let webUrl: string;
let collabPublicUrl: string;
let apiKey: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const socketsOpened: string[] = [];
let ana: Page;
let jo: Page;
let seasonId: string;

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('websocket', (socket) => socketsOpened.push(socket.url()));
  await signInWithPassword(page, webUrl, email);
  return page;
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${webUrl}/api/v1/orgs/locust${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  if (skip) return;
  assertBuilt();
  database = await createTestDatabase();
  const [collabPort, webPort] = [await freePort(), await freePort()];
  webUrl = `http://localhost:${webPort}`;
  // The pages and the collab socket share the host name, so the session cookie reaches both.
  collabPublicUrl = `ws://localhost:${collabPort}/collab`;
  const shared = { DATABASE_URL: database.url!, LOG_LEVEL: 'warn', COLLAB_SERVICE_TOKEN: SERVICE_TOKEN };
  collab = startProcess('server.ts', ['collab'], { ...shared, PORT: String(collabPort), DEMO: '0' });
  await collab.waitFor(/API reference/, 60_000);
  web = startProcess('server.ts', ['web'], {
    ...shared,
    PORT: String(webPort),
    PUBLIC_URL: webUrl,
    DEMO: '1',
    COLLAB_URL: `ws://127.0.0.1:${collabPort}/collab`,
    COLLAB_PUBLIC_URL: collabPublicUrl,
  });
  await web.waitFor(/API reference/, 90_000);
  apiKey = web.output().match(new RegExp(`${webUrl}/locust\\s+(i24_\\S+)`))![1];
  browser = await launchBrowser();
  ana = await signedIn('admin@locust.demo');
  await ana.goto(`${webUrl}/locust/admin/seasons`);
  await ana.getByLabel('Name').fill('Spring 2030');
  await ana.getByLabel('Starts').fill('2030-03-04');
  await ana.getByLabel('Ends').fill('2030-05-31');
  await ana.getByRole('button', { name: 'Create and open the board' }).click();
  await ana.waitForURL(/\/locust\/admin\/seasons\/[0-9a-f-]{36}$/);
  seasonId = ana.url().split('/').pop()!;
  jo = await signedIn('staff@locust.demo');
  await jo.goto(ana.url());
  for (const page of [ana, jo]) await page.getByRole('region', { name: 'Season timeline' }).waitFor();
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await web?.stop();
  await collab?.stop();
  await database?.close();
});

describe.skipIf(skip)('the board with web and collab in separate processes', () => {
  it("connects each browser to the collab process's public address, where co-editors see each other and each other's edits", async () => {
    await expect.poll(() => ana.locator('.presence .avatar').count(), { timeout: 15_000 }).toBe(2);
    expect(socketsOpened.filter((url) => url.startsWith(collabPublicUrl))).not.toHaveLength(0);
    expect(socketsOpened.filter((url) => url.startsWith(`ws://localhost:${new URL(webUrl).port}/collab`))).toEqual([]);
    await ana.locator('.new-workshop').getByLabel('Title').fill('Teen Art Lab');
    await ana.locator('.new-workshop').getByRole('button', { name: 'Add workshop' }).click();
    await expect.poll(() => jo.locator('.workshop-cards').textContent(), { timeout: 15_000 }).toContain('Teen Art Lab');
  });

  it('shows on the board what the API adds through the web process, and publishes it from the board', async () => {
    const rooms = await api('GET', '/resources?type=space');
    const room = rooms.body.resources.find((r: { title: string }) => r.title === 'Education Room');
    const added = await api('POST', `/seasons/${seasonId}/draft/items`, {
      workshops: [{ key: 'zines', title: 'Zine Night', capacity: 12 }],
      sessions: [
        { workshopKey: 'zines', resourceId: room.id, startsAt: '2030-03-05T23:00:00Z', endsAt: '2030-03-06T01:00:00Z' },
      ],
    });
    expect(added.status).toBe(200);
    for (const page of [ana, jo])
      await expect
        .poll(() => page.locator('.workshop-cards').textContent(), { timeout: 15_000 })
        .toContain('Zine Night');
    await ana.getByRole('button', { name: 'Publish…' }).click();
    await expect.poll(() => ana.locator('.publish-dialog').textContent(), { timeout: 15_000 }).toContain('1 added');
    await ana.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => ana.locator('.publish-dialog h2').textContent(), { timeout: 15_000 }).toBe('Published');
    for (const page of [ana, jo]) {
      await expect
        .poll(() => page.locator('.publish-report').textContent(), { timeout: 15_000 })
        .toContain('Published revision 1 by Locust admin');
    }
    const bookings = await api('GET', '/bookings?from=2030-03-05T00:00:00Z&to=2030-03-07T00:00:00Z');
    expect(bookings.body.bookings.map((b: { title: string; source: string }) => [b.title, b.source])).toEqual([
      ['Zine Night', 'publish'],
    ]);
  });
});
