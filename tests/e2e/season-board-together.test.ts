import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';

const ARTIFACTS = 'test-results';
const ORG = 'locust';
let server: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let ana: Page;
let jo: Page;
let key: string;
let seasonId: string;
let educationRoom: string;
const skip = needsChromium('tests/e2e/season-board-together.test.ts');

// Tuesday 5 March 2030, EST (UTC-5): two sessions in one room, the second reaching into the first.
const SCREEN = {
  id: 'screen-1',
  workshopKey: 'screen',
  startsAt: '2030-03-05T19:00:00Z',
  endsAt: '2030-03-05T21:00:00Z',
};
const RISO = { id: 'riso-1', workshopKey: 'riso', startsAt: '2030-03-05T20:00:00Z', endsAt: '2030-03-05T22:00:00Z' };

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}/api/v1/orgs/${ORG}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInWithPassword(page, server.baseUrl, email);
  await page.goto(`${server.baseUrl}/${ORG}/admin/seasons/${seasonId}`);
  await page.locator('.timeline-bar[data-item-id="riso-1"]').waitFor({ timeout: 30_000 });
  return page;
}

const bar = (page: Page, id: string) => page.locator(`.timeline-bar[data-item-id="${id}"]`);
const redBars = (page: Page) => page.locator('.timeline-bar.problem-hard').count();

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  key = server.process.output().match(new RegExp(`${server.baseUrl}/${ORG}\\s+(i24_\\S+)`))![1];
  const season = await api('POST', '/seasons', { name: 'Together 2030', startsOn: '2030-03-04', endsOn: '2030-03-31' });
  expect(season.status).toBe(201);
  seasonId = season.body.id;
  const rooms = (await api('GET', '/resources?type=space')).body.resources as { id: string; title: string }[];
  educationRoom = rooms.find((r) => r.title === 'Education Room')!.id;
  const added = await api('POST', `/seasons/${seasonId}/draft/items`, {
    workshops: [
      { key: 'screen', title: 'Screen printing', capacity: 12, tags: [], isPublic: true },
      { key: 'riso', title: 'Riso', capacity: 12, tags: [], isPublic: true },
    ],
    sessions: [
      { ...SCREEN, resourceId: educationRoom },
      { ...RISO, resourceId: educationRoom },
    ],
  });
  expect(added.status).toBe(200);
  browser = await launchBrowser();
  ana = await signedIn(`admin@${ORG}.demo`);
  jo = await signedIn(`staff@${ORG}.demo`);
}, 180_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skip)('two people on one season board', () => {
  it('see each other by name, each in a colour of their own, themselves included', async () => {
    const here = (page: Page) => page.getByRole('list', { name: 'Who is here' });
    await expect.poll(() => here(ana).textContent(), { timeout: 15_000 }).toContain('Locust staff');
    expect(await here(ana).textContent()).toContain('Locust admin (you)');
    await expect.poll(() => here(jo).textContent(), { timeout: 15_000 }).toContain('Locust admin');
    const colours = await here(ana)
      .locator('.avatar')
      .evaluateAll((avatars) => avatars.map((a) => getComputedStyle(a).backgroundColor));
    expect(colours).toHaveLength(2);
    expect(colours[0]).not.toBe(colours[1]);
    expect(await here(ana).locator('.avatar').allTextContents()).toEqual(['LA', 'LS']);
  });

  it('renames a workshop card; the other sees the new title', async () => {
    await ana.getByRole('button', { name: 'Edit workshop “Riso”' }).click();
    await ana.getByRole('group', { name: 'Details of workshop “Riso”' }).getByLabel('Title').fill('Risograph basics');
    await expect
      .poll(() => jo.locator('.workshop-cards').textContent(), { timeout: 15_000 })
      .toContain('Risograph basics');
    await ana.getByRole('button', { name: 'Edit workshop “Risograph basics”' }).click();
  });

  it('says why a session is red when hovered, naming the session in its way', async () => {
    await expect.poll(() => redBars(jo), { timeout: 15_000 }).toBe(2);
    await bar(jo, 'riso-1').hover();
    await expect
      .poll(() => jo.getByRole('tooltip').textContent(), { timeout: 10_000 })
      .toContain('overlaps "Screen printing" in Education Room, Tue, Mar 5, 2030, 2:00 – 4:00 PM');
  });

  it('follows a co-editor to what they are looking at', async () => {
    await jo.mouse.move(0, 0);
    await bar(jo, 'screen-1').click();
    await expect.poll(() => bar(ana, 'screen-1').getAttribute('class'), { timeout: 15_000 }).toContain('watched');
    await ana.getByRole('button', { name: /^Locust staff\s*:\s*go to what they are looking at$/ }).click();
    await expect
      .poll(() => ana.evaluate(() => document.activeElement?.getAttribute('data-item-id')), { timeout: 10_000 })
      .toBe('screen-1');
    await jo.keyboard.press('Escape');
  });

  it("marks a bar being dragged on the timeline with the dragger's name and colour, until the drop", async () => {
    const draggedByAna = jo.getByRole('button', { name: /^Screen printing, .*Being moved by Locust admin$/ });
    await expect.poll(() => draggedByAna.count(), { timeout: 10_000 }).toBe(0);
    const box = (await bar(ana, 'screen-1').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await ana.mouse.move(x, y);
    await ana.mouse.down();
    await ana.mouse.move(x + 40, y, { steps: 4 });
    await ana.locator('.timeline-ghost').waitFor();

    // Held mid-drag: Jo sees the bar ringed in Ana's colour, with her name on it.
    await expect.poll(() => draggedByAna.count(), { timeout: 10_000 }).toBe(1);
    const anaColour = await jo
      .getByRole('button', { name: /^Locust admin\s*:/ })
      .locator('.avatar')
      .evaluate((avatar) => getComputedStyle(avatar).backgroundColor);
    const tag = bar(jo, 'screen-1').locator('.timeline-bar-people span');
    expect(await tag.allTextContents()).toEqual(['Locust admin']);
    expect(await tag.evaluate((name) => getComputedStyle(name).backgroundColor)).toBe(anaColour);
    // The ring is the box shadow's outer ring (it fades in).
    await expect
      .poll(() => bar(jo, 'screen-1').evaluate((element) => getComputedStyle(element).boxShadow))
      .toContain(`${anaColour} 0px 0px 0px 4px`);

    // Dropped where it started: the draft keeps its times, and the mark goes.
    await ana.mouse.move(x, y, { steps: 4 });
    await ana.mouse.up();
    await expect.poll(() => draggedByAna.count(), { timeout: 10_000 }).toBe(0);
    expect(await bar(jo, 'screen-1').locator('.timeline-bar-people').count()).toBe(0);
  });

  it('applies a suggested fix for both to see, and its author undoes it', async () => {
    await bar(ana, 'riso-1').click();
    const fixes = ana.getByRole('region', { name: 'Suggested fixes' });
    await fixes.getByRole('button').first().waitFor({ timeout: 10_000 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ana.screenshot({ path: `${ARTIFACTS}/season-board-suggestions.png` });
    await fixes.getByRole('button').first().click();
    for (const page of [ana, jo]) await expect.poll(() => redBars(page), { timeout: 15_000 }).toBe(0);
    await ana.locator('[data-sonner-toast]').getByRole('button', { name: 'Undo' }).click();
    for (const page of [ana, jo]) await expect.poll(() => redBars(page), { timeout: 15_000 }).toBe(2);
    // Fixed again, for the publish that follows.
    await bar(ana, 'riso-1').click();
    await fixes.getByRole('button').first().click();
    await expect.poll(() => redBars(jo), { timeout: 15_000 }).toBe(0);
  });

  it('lists a moved session in the publish dialog with where it was and where it goes', async () => {
    await ana.getByRole('button', { name: 'Publish…' }).click();
    await ana.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => ana.locator('.publish-dialog h2').textContent(), { timeout: 15_000 }).toBe('Published');
    await ana.locator('.publish-dialog').getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => jo.locator('.publish-report').textContent(), { timeout: 15_000 })
      .toContain('Published revision 1 by Locust admin');

    // Screen printing moves from 2 pm to 5 pm the same day.
    const moved = await api('POST', `/seasons/${seasonId}/draft/items`, {
      sessions: [
        { ...SCREEN, resourceId: educationRoom, startsAt: '2030-03-05T22:00:00Z', endsAt: '2030-03-06T00:00:00Z' },
      ],
    });
    expect(moved.status).toBe(200);
    await ana.getByRole('button', { name: 'Publish…' }).click();
    const entry = ana.locator('.publish-entry.moved', { hasText: 'Screen printing' });
    await expect
      .poll(() => entry.textContent(), { timeout: 15_000 })
      .toMatch(
        /Tue, Mar 5, 2030, 2:00 – 4:00 PM · Education Room\s*→\s*Tue, Mar 5, 2030, 5:00 – 7:00 PM · Education Room/,
      );
    await ana.screenshot({ path: `${ARTIFACTS}/season-board-publish-moved.png` });
  });
});
