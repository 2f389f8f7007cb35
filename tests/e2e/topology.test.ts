import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';
import { startCollabProcess, TEST_SERVICE_TOKEN, type CollabProcess } from '../support/collab-processes';
import { createTestDatabase, needsPostgres, needsRedis, type TestDatabase } from '../support/database';
import { assertBuilt, freePort, startProcess, type RunningProcess } from '../support/processes';
import { testRedisUrl } from '../support/redis';

/**
 * The production topology of docs/operations.md, started natively: two web processes, two collab
 * processes and one worker on one PostgreSQL database and one Redis.
 */
const SUITE = 'tests/e2e/topology.test.ts';
const skip = needsChromium(SUITE) || needsPostgres(SUITE) || needsRedis(SUITE);
const DAY = '2030-03-05';

let database: TestDatabase;
const started: RunningProcess[] = [];
const collabs: CollabProcess[] = [];
const webs: { process: RunningProcess; url: string }[] = [];
let apiKey: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let ana: Page;
let jo: Page;
let seasonUrl: string;

async function startWeb(collab: CollabProcess, demo: boolean) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const collabPort = new URL(collab.url).port;
  const process = startProcess('server.ts', ['web'], {
    DATABASE_URL: database.url!,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    PUBLIC_URL: url,
    DEMO: demo ? '1' : '0',
    COLLAB_SERVICE_TOKEN: TEST_SERVICE_TOKEN,
    COLLAB_URL: collab.url,
    // The same host name as the pages, so the session cookie reaches the collab socket.
    COLLAB_PUBLIC_URL: `ws://localhost:${collabPort}/collab`,
  });
  started.push(process);
  await process.waitFor(/API reference/, 90_000);
  return { process, url };
}

async function signedIn(baseUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInWithPassword(page, baseUrl, email);
  return page;
}

function api(web: { url: string }, method: string, path: string, body?: unknown) {
  return fetch(`${web.url}/api/v1/orgs/locust${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (skip) return;
  assertBuilt();
  database = await createTestDatabase();
  const redisPrefix = `topology-${randomBytes(4).toString('hex')}`;
  for (let i = 0; i < 2; i++) {
    collabs.push(
      await startCollabProcess({ databaseUrl: database.url!, redisUrl: testRedisUrl(), redisPrefix, started }),
    );
  }
  // Only the first seeds the demo organizations (and prints the demo keys).
  webs.push(await startWeb(collabs[0], true));
  webs.push(await startWeb(collabs[1], false));
  apiKey = webs[0].process.output().match(new RegExp(`${webs[0].url}/locust\\s+(i24_\\S+)`))![1];
  const worker = startProcess('server.ts', ['worker'], {
    DATABASE_URL: database.url!,
    LOG_LEVEL: 'warn',
    PORT: String(await freePort()),
    DEMO: '0',
  });
  started.push(worker);
  await worker.waitFor(/API reference/, 60_000);

  browser = await launchBrowser();
  ana = await signedIn(webs[0].url, 'admin@locust.demo');
  await ana.goto(`${webs[0].url}/locust/admin/seasons`);
  await ana.getByLabel('Name').fill('Spring 2030');
  await ana.getByLabel('Starts').fill('2030-03-04');
  await ana.getByLabel('Ends').fill('2030-05-31');
  await ana.getByRole('button', { name: 'Create and open the board' }).click();
  await ana.waitForURL(/\/locust\/admin\/seasons\/[0-9a-f-]{36}$/);
  seasonUrl = new URL(ana.url()).pathname;
  jo = await signedIn(webs[1].url, 'staff@locust.demo');
  await jo.goto(`${webs[1].url}${seasonUrl}`);
  for (const page of [ana, jo]) await page.getByRole('region', { name: 'Season timeline' }).waitFor();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await Promise.all(started.map((process) => process.stop()));
  await database?.close();
});

describe.skipIf(skip)('two web, two collab and one worker on one database and one Redis', () => {
  it('a booking made through one web process appears live on a calendar served by the other', async () => {
    const calendar = await signedIn(webs[1].url, 'admin@locust.demo');
    await calendar.goto(`${webs[1].url}/locust/admin/calendar?date=${DAY}T12:00:00-05:00`);
    await calendar.getByLabel('Resource type').selectOption('space');
    await calendar.locator('.rbc-time-view').waitFor();
    const rooms = await (await api(webs[0], 'GET', '/resources?type=space')).json();
    const room = rooms.resources.find((r: { title: string }) => r.title === 'Education Room');
    const made = await api(webs[0], 'POST', '/bookings', {
      resourceId: room.id,
      title: 'Booked through the other web process',
      startsAt: `${DAY}T15:00:00Z`,
      endsAt: `${DAY}T16:00:00Z`,
    });
    expect(made.status, await made.clone().text()).toBe(201);
    await expect
      .poll(() => calendar.locator('.rbc-event', { hasText: 'Booked through the other web process' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
  });

  it('co-editors on different collab processes see each other and each other’s edits, and publish', async () => {
    await expect.poll(() => ana.locator('.presence .avatar').count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => jo.locator('.presence .avatar').count(), { timeout: 20_000 }).toBe(2);
    await ana.locator('.new-workshop').getByLabel('Title').fill('Teen Art Lab');
    await ana.locator('.new-workshop').getByRole('button', { name: 'Add workshop' }).click();
    await expect.poll(() => jo.locator('.workshop-cards').textContent(), { timeout: 20_000 }).toContain('Teen Art Lab');

    // Through the second web process (and so the second collab process): a public session of it.
    const seasonId = seasonUrl.split('/').pop();
    const rooms = await (await api(webs[1], 'GET', '/resources?type=space')).json();
    const room = rooms.resources.find((r: { title: string }) => r.title === 'Education Room');
    const added = await api(webs[1], 'POST', `/seasons/${seasonId}/draft/items`, {
      workshops: [{ key: 'zines', title: 'Zine Night', capacity: 12, isPublic: true }],
      sessions: [
        { workshopKey: 'zines', resourceId: room.id, startsAt: '2030-03-06T23:00:00Z', endsAt: '2030-03-07T01:00:00Z' },
      ],
    });
    expect(added.status, await added.clone().text()).toBe(200);
    await expect.poll(() => ana.locator('.workshop-cards').textContent(), { timeout: 20_000 }).toContain('Zine Night');

    await ana.getByRole('button', { name: 'Publish…' }).click();
    await ana.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => ana.locator('.publish-dialog h2').textContent(), { timeout: 20_000 }).toBe('Published');
    await expect
      .poll(() => jo.locator('.publish-report').textContent(), { timeout: 20_000 })
      .toContain('Published revision 1 by Locust admin');
  });

  it('the worker delivers a registration’s email once', async () => {
    const [session] = await sql<{ id: string }>(
      `select s.id from workshop_sessions s join workshops w on w.id = s.workshop_id where w.title = 'Zine Night'`,
    );
    const registered = await fetch(`${webs[1].url}/api/v1/orgs/locust/sessions/${session.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ana Ruiz', email: 'ana.topology@example.org' }),
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>(`select count(*)::int as n from email_messages where to_address = $1`, [
              'ana.topology@example.org',
            ])
          )[0].n,
        { timeout: 20_000 },
      )
      .toBe(1);
    // Settled: nothing of it is left to send, and nothing was sent twice.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [{ n }] = await sql<{ n: number }>(`select count(*)::int as n from email_messages where to_address = $1`, [
      'ana.topology@example.org',
    ]);
    expect(n).toBe(1);
  });
});
