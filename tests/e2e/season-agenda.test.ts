import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';

const ARTIFACTS = 'test-results';
const PHONE = { width: 375, height: 812 };
let server: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let ana: Page;
let jo: Page;
let apiKey: string;
let seasonId: string;
const rooms: Record<string, string> = {};
const skip = needsChromium('tests/e2e/season-agenda.test.ts');

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}/api/v1/orgs/locust${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

async function onPhone(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  contexts.push(context);
  const page = await context.newPage();
  await signInWithPassword(page, server.baseUrl, email);
  await page.goto(`${server.baseUrl}/locust/admin/seasons/${seasonId}`);
  await page.getByRole('region', { name: 'Season agenda' }).waitFor();
  return page;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const day = (page: Page, name: string) => page.getByRole('region', { name });

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  apiKey = server.process.output().match(new RegExp(`${server.baseUrl}/locust\\s+(i24_\\S+)`))![1];
  for (const resource of (await api('GET', '/resources?type=space')).resources as { id: string; title: string }[])
    rooms[resource.title] = resource.id;
  seasonId = (
    await api('POST', '/seasons', { name: 'Phone spring 2030', startsOn: '2030-03-04', endsOn: '2030-04-28' })
  ).id;
  await api('POST', `/seasons/${seasonId}/draft/items`, {
    workshops: [{ key: 'riso', title: 'Risograph Basics with a long title that has to wrap on a phone', capacity: 8 }],
    sessions: [
      // Tuesday 5 March 2030, 18:00–20:00 and 10:00–12:00 EST.
      {
        workshopKey: 'riso',
        resourceId: rooms['Education Room'],
        startsAt: '2030-03-05T23:00:00Z',
        endsAt: '2030-03-06T01:00:00Z',
      },
      {
        workshopKey: 'riso',
        resourceId: rooms['Education Room'],
        startsAt: '2030-03-05T15:00:00Z',
        endsAt: '2030-03-05T17:00:00Z',
      },
    ],
  });
  browser = await launchBrowser();
  ana = await onPhone('admin@locust.demo');
  jo = await onPhone('staff@locust.demo');
}, 180_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skip)('the season board on a phone', () => {
  it('is a day-by-day agenda, no wider than the screen, that shows who else is here', async () => {
    const tuesday = day(ana, 'Tuesday, March 5');
    await expect.poll(() => tuesday.getByRole('button').count(), { timeout: 15_000 }).toBe(2);
    expect(await tuesday.getByRole('button').first().textContent()).toContain('10:00 AM');
    expect(await tuesday.getByRole('button').first().textContent()).toContain('Education Room');
    await expect
      .poll(() => ana.getByRole('list', { name: 'Who is here' }).textContent(), { timeout: 15_000 })
      .toContain('Locust staff');
    for (const page of [ana, jo]) expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ana.screenshot({ path: `${ARTIFACTS}/season-agenda.png`, fullPage: true });
  });

  it('moves a session to another room and time with a form, and the other phone sees it', async () => {
    const evening = day(ana, 'Tuesday, March 5').getByRole('button', { name: /6:00 PM/ });
    await evening.click();
    const form = ana.getByRole('form', { name: /^Move Risograph Basics/ });
    expect(await pageWidth(ana)).toBeLessThanOrEqual(PHONE.width);
    await form.getByLabel('Room').selectOption({ label: 'Main Gallery' });
    await form.getByLabel('Date').fill('2030-03-07');
    await form.getByLabel('Starts').fill('13:00');
    await form.getByLabel('Ends').fill('12:00');
    await form.getByRole('button', { name: 'Move' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('The end must be after the start.');
    await form.getByLabel('Ends').fill('15:30');
    await form.getByRole('button', { name: 'Move' }).click();

    const moved = day(jo, 'Thursday, March 7').getByRole('button', { name: /1:00 PM/ });
    await expect.poll(() => moved.textContent(), { timeout: 15_000 }).toContain('Main Gallery');
    expect(await moved.textContent()).toContain('3:30 PM');
    expect(await day(jo, 'Tuesday, March 5').getByRole('button').count()).toBe(1);
    const draft = await api('GET', `/seasons/${seasonId}/draft`);
    const sessions = Object.values(draft.sessions) as { resourceId: string; startsAt: string; endsAt: string }[];
    expect(
      sessions
        .filter((session) => session.resourceId === rooms['Main Gallery'])
        .map((session) => [new Date(session.startsAt).toISOString(), new Date(session.endsAt).toISOString()]),
    ).toEqual([['2030-03-07T18:00:00.000Z', '2030-03-07T20:30:00.000Z']]);
  });

  it('cancels a session after a confirmation, for everyone', async () => {
    await day(jo, 'Tuesday, March 5')
      .getByRole('button', { name: /10:00 AM/ })
      .click();
    await jo.getByRole('button', { name: 'Cancel session' }).click();
    await jo.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => day(ana, 'Tuesday, March 5').count(), { timeout: 15_000 }).toBe(0);
    expect(Object.keys((await api('GET', `/seasons/${seasonId}/draft`)).sessions)).toHaveLength(1);
    expect(await pageWidth(jo)).toBeLessThanOrEqual(PHONE.width);
  });
});
