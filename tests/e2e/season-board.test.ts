import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';

const ARTIFACTS = 'test-results';
let server: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let ana: Page;
let jo: Page;
let boardUrl: string;
let apiKey: string;
const skip = needsChromium('tests/e2e/season-board.test.ts');

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInWithPassword(page, server.baseUrl, email);
  return page;
}

async function addWorkshop(page: Page, title: string) {
  await page.locator('.new-workshop').getByLabel('Title').fill(title);
  await page.locator('.new-workshop').getByRole('button', { name: 'Add workshop' }).click();
}

async function api(path: string) {
  const response = await fetch(`${server.baseUrl}/api/v1/orgs/locust${path}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}

/** The room the calendar shows (one at a time), in its toolbar. */
const calendarRoom = (page: Page) =>
  page.getByRole('region', { name: 'Season calendar' }).getByRole('combobox', { name: 'Room' });

/** Chooses the calendar's room from the toolbar's searchable list. */
async function chooseRoom(page: Page, title: string) {
  await calendarRoom(page).click();
  await page.getByRole('listbox').getByRole('option', { name: title, exact: true }).click();
  await expect.poll(() => calendarRoom(page).textContent()).toBe(title);
}

/** Drag-selects in a day column of the calendar (0: the first shown), from the middle of one hour to the middle of another. */
async function dragSelect(page: Page, fromHour: number, toHour: number, column = 0) {
  const groups = page.locator('.rbc-time-content > .rbc-day-slot').nth(column).locator('.rbc-timeslot-group');
  await groups.nth(Math.min(fromHour, toHour)).scrollIntoViewIfNeeded();
  const from = (await groups.nth(fromHour).boundingBox())!;
  const to = (await groups.nth(toHour).boundingBox())!;
  const x = from.x + from.width / 2;
  await page.mouse.move(x, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, (from.y + to.y) / 2 + from.height / 2, { steps: 4 });
  await page.mouse.move(x, to.y + to.height / 2, { steps: 4 });
  await page.mouse.up();
}

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  apiKey = server.process.output().match(new RegExp(`${server.baseUrl}/locust\\s+(i24_\\S+)`))![1];
  browser = await launchBrowser();
  ana = await signedIn('admin@locust.demo');
  await ana.goto(`${server.baseUrl}/locust/admin/seasons`);
  await ana.getByLabel('Name').fill('Spring 2030');
  await ana.getByLabel('Starts').fill('2030-03-04');
  await ana.getByLabel('Ends').fill('2030-05-31');
  await ana.getByRole('button', { name: 'Create and open the board' }).click();
  await ana.waitForURL(/\/locust\/admin\/seasons\/[0-9a-f-]{36}$/);
  boardUrl = ana.url();
  jo = await signedIn('staff@locust.demo');
  await jo.goto(boardUrl);
  for (const page of [ana, jo]) await page.getByRole('region', { name: 'Season timeline' }).waitFor();
}, 180_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skip)('two people plan a season on one board', () => {
  it("see each other and each other's edits", async () => {
    await expect.poll(() => ana.locator('.presence .avatar').count()).toBe(2);
    await addWorkshop(ana, 'Teen Art Lab');
    await expect.poll(() => jo.locator('.workshop-cards').textContent()).toContain('Teen Art Lab');
  });

  it('keep editing while one is offline, and converge when it comes back', async () => {
    await contexts[1].setOffline(true);
    await expect.poll(() => jo.locator('.offline-banner').count()).toBe(1);
    await addWorkshop(jo, 'Zine Night');
    await addWorkshop(ana, 'Printmaking');
    await contexts[1].setOffline(false);
    for (const page of [ana, jo]) {
      await expect
        .poll(() => page.locator('.workshop-cards').textContent(), { timeout: 20_000 })
        .toContain('Zine Night');
      await expect
        .poll(() => page.locator('.workshop-cards').textContent(), { timeout: 20_000 })
        .toContain('Printmaking');
    }
  });

  it('marks a conflict red for everyone, refuses to publish it, then publishes and shows the report to both', async () => {
    // The board opens on the timeline; the calendar draws one day of one room.
    await ana.getByRole('button', { name: 'Calendar', exact: true }).click();
    await ana.getByRole('button', { name: 'Day', exact: true }).click();
    await chooseRoom(ana, 'Education Room');
    await ana.getByLabel('Drag-select creates').selectOption({ label: 'a session of “Teen Art Lab”' });
    await dragSelect(ana, 15, 17);
    await expect.poll(() => ana.locator('.rbc-event').count()).toBe(1);
    // The second one starts below the first (a drag that starts on an event moves it) and reaches into it.
    await dragSelect(ana, 19, 16);
    await expect.poll(() => ana.locator('.rbc-event').count()).toBe(2);
    await jo.getByRole('button', { name: 'Calendar', exact: true }).click();
    await jo.getByRole('button', { name: 'Day', exact: true }).click();
    await chooseRoom(jo, 'Education Room');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ana.screenshot({ path: `${ARTIFACTS}/season-board-ana.png` });
    await jo.screenshot({ path: `${ARTIFACTS}/season-board-jo.png` });
    await expect.poll(() => jo.locator('.rbc-event.problem-hard').count(), { timeout: 15_000 }).toBe(2);
    await ana.getByRole('button', { name: 'Publish…' }).click();
    await expect.poll(() => ana.locator('.publish-dialog').textContent()).toContain('must be fixed first');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ana.screenshot({ path: `${ARTIFACTS}/season-board-conflict.png` });
    await ana.locator('.publish-dialog').getByRole('button', { name: 'Close' }).click();

    await ana.locator('.rbc-event.problem-hard').first().click();
    await ana.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => jo.locator('.rbc-event.problem-hard').count(), { timeout: 15_000 }).toBe(0);
    await ana.getByRole('button', { name: 'Publish…' }).click();
    await expect.poll(() => ana.locator('.publish-dialog').textContent()).toContain('1 added');
    await ana.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => ana.locator('.publish-dialog h2').textContent()).toBe('Published');
    // The dialog stays open with the result until it is closed; the board's banner carries the report on.
    await ana.locator('.publish-dialog').getByRole('button', { name: 'Close' }).click();
    for (const page of [ana, jo]) {
      await expect
        .poll(() => page.locator('.publish-report').textContent(), { timeout: 15_000 })
        .toContain('Published revision 1 by Locust admin');
    }
  });

  it('shows one room at a time in the week; the chooser switches rooms, and a block drawn there lands in that room', async () => {
    await ana.getByRole('button', { name: 'Week', exact: true }).click();
    expect(await calendarRoom(ana).textContent()).toBe('Education Room');
    // Seven columns, the days of one room: no column per room and day.
    await expect.poll(() => ana.locator('.rbc-time-content > .rbc-day-slot').count()).toBe(7);
    expect(await ana.locator('.rbc-row-resource').count()).toBe(0);
    const teenArtLab = ana.locator('.rbc-event', { hasText: 'Teen Art Lab' });
    await expect.poll(() => teenArtLab.count()).toBe(1);

    await chooseRoom(ana, 'Projector Kit');
    await expect.poll(() => teenArtLab.count()).toBe(0);
    await ana.getByLabel('Drag-select creates').selectOption({ label: 'a block (install, maintenance…)' });
    await dragSelect(ana, 10, 12, 1); // Tuesday
    const dialog = ana.getByRole('dialog', { name: 'New block' });
    expect(await dialog.textContent()).toContain('Projector Kit, Tue, Mar 5');
    await dialog.getByLabel('What is it?').fill('Lamp replacement');
    await dialog.getByRole('button', { name: 'Add block' }).click();
    const lamp = ana.locator('.rbc-event', { hasText: 'Lamp replacement' });
    await expect.poll(() => lamp.count()).toBe(1);

    const seasonId = boardUrl.split('/').pop();
    const projectorKit = ((await api('/resources')).resources as { id: string; title: string }[]).find(
      (r) => r.title === 'Projector Kit',
    )!.id;
    const blocks = async () =>
      Object.values(
        (await api(`/seasons/${seasonId}/draft`)).blocks as Record<string, { title: string; resourceId: string }>,
      )
        .filter((block) => block.title === 'Lamp replacement')
        .map((block) => block.resourceId);
    await expect.poll(blocks, { timeout: 15_000 }).toEqual([projectorKit]);

    await chooseRoom(ana, 'Education Room');
    await expect.poll(() => lamp.count()).toBe(0);
    await expect.poll(() => teenArtLab.count()).toBe(1);
  });

  it('follows a co-editor into the room they are looking at', async () => {
    const lamp = jo.locator('.rbc-event', { hasText: 'Lamp replacement' });
    // Ana looks at the week of Projector Kit; Jo is on a day of Education Room.
    await chooseRoom(ana, 'Projector Kit');
    expect(await calendarRoom(jo).textContent()).toBe('Education Room');
    expect(await lamp.count()).toBe(0);
    await jo.getByRole('button', { name: /^Locust admin\s*:\s*go to what they are looking at$/ }).click();
    await expect.poll(() => calendarRoom(jo).textContent()).toBe('Projector Kit');
    expect(await jo.getByRole('button', { name: 'Week', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => lamp.count()).toBe(1);
  });

  it('opens the calendar on the room of the item selected on the timeline', async () => {
    await chooseRoom(ana, 'Main Gallery');
    await ana.getByRole('button', { name: 'Timeline', exact: true }).click();
    await ana
      .getByRole('region', { name: 'Season timeline' })
      .getByRole('button', { name: /^Teen Art Lab, / })
      .click();
    await ana.getByRole('button', { name: 'Calendar', exact: true }).click();
    await expect.poll(() => calendarRoom(ana).textContent()).toBe('Education Room');
    await ana.keyboard.press('Escape');
  });

  it('imports sessions from a CSV with a report per row; co-editors see them appear', async () => {
    const csv =
      'workshop,room,date,start,end\nOpen Print Night,Education Room,2030-03-11,18:00,20:00\nOpen Print Night,Basement,2030-03-18,18:00,20:00\n';
    await ana
      .getByLabel('CSV file to import')
      .setInputFiles({ name: 'season.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => ana.locator('.csv-report').textContent()).toContain('1 session imported, 1 row refused');
    expect(await ana.locator('.csv-report').textContent()).toContain('Row 3: no room called "Basement"');
    await expect
      .poll(() => jo.locator('.workshop-cards').textContent(), { timeout: 15_000 })
      .toContain('Open Print Night');
  });

  it('adds a weekly series of a workshop, six sessions at the same local time', async () => {
    await ana.getByLabel('Drag-select creates').selectOption({ label: 'a session of “Zine Night”' });
    const form = ana.locator('.series-form');
    await form.getByLabel('Room').selectOption({ label: 'Main Gallery' });
    await form.getByLabel('First date').fill('2030-03-05');
    await form.getByRole('button', { name: 'Add the series' }).click();
    await expect.poll(() => form.locator('[role=status]').textContent()).toBe('6 sessions added.');
    // Week of 2030-03-11 (after the DST change): the Tuesday session is still at 6:00 PM local.
    await ana.getByRole('button', { name: 'Week', exact: true }).click();
    await chooseRoom(ana, 'Main Gallery');
    await ana.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(() => ana.locator('.rbc-event', { hasText: 'Zine Night' }).first().textContent())
      .toContain('6:00 – 8:00 PM');
  });
});

describe.skipIf(skip)('the demo season on a 1280 px screen', () => {
  it('shows the first week with every room, and each 2-hour session with its whole title and time', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      timezoneId: 'America/New_York',
    });
    contexts.push(context);
    const page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, 'admin@oolite.demo');
    await page.goto(`${server.baseUrl}/oolite/admin/seasons`);
    await page.getByRole('link', { name: 'Winter 2026' }).click();
    const timeline = page.getByRole('region', { name: 'Season timeline' });
    await timeline.waitFor();
    expect(await page.locator('.timeline-range').textContent()).toBe('Dec 14 – 20, 2026');
    expect(await page.locator('.timeline-room-name').allTextContents()).toHaveLength(5);
    // Risograph Basics on Tuesday evening, Open Figure Drawing two evenings later in the same room.
    const label = timeline
      .getByRole('button', { name: /^Risograph Basics, Tue, Dec 15/ })
      .locator('.timeline-bar-label');
    expect(await label.textContent()).toBe('Risograph Basics');
    expect(await label.getAttribute('data-hours')).toBe('6:00 – 8:00 PM');
    const box = await label.evaluate((element) => ({
      clipped: element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight,
      right: element.getBoundingClientRect().right,
      nextBar: document.querySelector('[aria-label^="Open Figure Drawing, Thu, Dec 17"]')!.getBoundingClientRect().left,
    }));
    expect(box.clipped).toBe(false);
    expect(box.right).toBeLessThanOrEqual(box.nextBar);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/season-board-1280.png` });

    // The next week: Saturday's booking is out of sight, and so is its label (no tail of it by the names).
    const saturday = timeline.getByRole('button', { name: /^Cyanotype Saturdays \(booked\), Sat, Dec 19/ });
    expect(await saturday.locator('.timeline-bar-label').count()).toBe(1);
    await page.getByRole('button', { name: 'Later' }).click();
    await expect.poll(() => page.locator('.timeline-range').textContent()).toBe('Dec 21 – 27, 2026');
    await expect.poll(() => saturday.locator('.timeline-bar-label').count()).toBe(0);
    expect(await saturday.count()).toBe(1); // still drawn just out of sight, ready for a scroll back
  });
});
