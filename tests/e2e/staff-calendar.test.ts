import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium } from '../support/browser';

const ARTIFACTS = 'test-results';
// Monday 2030-01-07: a fixed day, far from the demo bookings around "now".
const DAY = '2030-01-07';

let server: AppServer;
let browser: Browser;
let page: Page;
const skip = needsChromium('tests/e2e/staff-calendar.test.ts');

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The pixel box of one resource's column between two hours of the day view. */
async function slotBox(resourceTitle: string, fromHour: number, toHour: number) {
  const headers = await page.locator('.rbc-time-header .rbc-row-resource .rbc-header').allTextContents();
  const column = headers.findIndex((text) => text.trim() === resourceTitle);
  expect(column, `column of ${resourceTitle} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  const daySlot = page.locator('.rbc-time-content > .rbc-day-slot').nth(column);
  const groups = daySlot.locator('.rbc-timeslot-group');
  await groups.nth(fromHour).scrollIntoViewIfNeeded();
  const top = (await groups.nth(fromHour).boundingBox())!;
  const bottom = (await groups.nth(toHour - 1).boundingBox())!;
  return { x: top.x + top.width / 2, top: top.y, bottom: bottom.y + bottom.height };
}

async function dragSelect(resourceTitle: string, fromHour: number, toHour: number) {
  const box = await slotBox(resourceTitle, fromHour, toHour);
  await page.mouse.move(box.x, box.top + 3);
  await page.mouse.down();
  await page.mouse.move(box.x, (box.top + box.bottom) / 2, { steps: 5 });
  await page.mouse.move(box.x, box.bottom - 3, { steps: 5 });
  await page.mouse.up();
}

async function bookSelectedSlot(title: string, status = 'confirmed') {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Status').selectOption(status);
  await page.getByRole('button', { name: 'Save booking' }).click();
  await expect.poll(() => page.locator('.calendar-message').textContent()).toContain(`Booked "${title}"`);
}

/** What a field's control is described by (its hint and its error), as a screen reader hears it. */
async function description(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ');
}

describe.skipIf(skip)('staff run their rooms from the browser', () => {
  it('signs in as the demo admin', async () => {
    await page.goto(`${server.baseUrl}/login?redirectTo=/oolite/admin/resources`);
    await expect.poll(() => page.locator('.demo-accounts').textContent()).toContain('admin@oolite.demo');
    await page.locator('#password-sign-in').getByLabel('Email').fill('admin@oolite.demo');
    await page.locator('#password-sign-in').getByLabel('Password').fill('infra24-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/oolite/admin/resources');
  });

  it('creates a resource with weekday opening hours', async () => {
    await page.getByRole('link', { name: 'New resource' }).click();
    await page.getByLabel('Name').fill('Test Studio');
    await page.getByLabel('Capacity').fill('6');
    await page.getByLabel('Monday').fill('09:00-17:00');
    await page.getByLabel('Saturday').fill('nine to five');
    await page.getByRole('button', { name: 'Create resource' }).click();
    // The same schema refuses it in the browser, next to the field.
    await expect.poll(() => description(page, 'Saturday')).toContain('is not a time range');
    await page.getByLabel('Saturday').fill('10:00-14:00');
    await page.getByRole('button', { name: 'Create resource' }).click();
    await page.waitForURL('**/oolite/admin/resources');
    await expect.poll(() => page.locator('table').textContent()).toContain('Test Studio');
  });

  it('books a drag-selected slot, and refuses a booking dragged onto it: the event snaps back', async () => {
    await page.goto(`${server.baseUrl}/oolite/admin/calendar?date=${DAY}T12:00:00-05:00`);
    await page.getByLabel('Resource type').selectOption('space');
    await page.locator('.rbc-time-view').waitFor();
    await dragSelect('Test Studio', 10, 11);
    await expect.poll(() => page.getByLabel('Starts (America/New_York)').inputValue()).toBe(`${DAY}T10:00`);
    await bookSelectedSlot('Kiln workshop');
    await dragSelect('Test Studio', 13, 14);
    await bookSelectedSlot('Portfolio review');

    const second = page.locator('.rbc-event', { hasText: 'Portfolio review' });
    // Where the event sits in its column (RBC places it with a percentage top): 13:00 of 24 hours.
    const placement = () => second.evaluate((element) => (element as HTMLElement).style.top);
    const placedAt = await placement();
    expect(parseFloat(placedAt)).toBeCloseTo((13 / 24) * 100, 1);
    const before = (await second.boundingBox())!;
    const target = await slotBox('Test Studio', 10, 11);
    await page.mouse.move(before.x + before.width / 2, before.y + 8);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2, before.y - 30, { steps: 5 });
    await page.mouse.move(target.x, target.top + 8, { steps: 10 });
    await page.mouse.up();

    await expect.poll(() => page.locator('.calendar-message').textContent()).toContain('already booked');
    expect(await page.locator('.calendar-message').textContent()).toContain(
      '"Kiln workshop" (Mon, Jan 7, 2030, 10:00 – 11:00 AM)',
    );
    await expect.poll(placement).toBe(placedAt);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/staff-calendar.png`, fullPage: true });
  });

  it('gives focus back to what opened the booking dialog, after Escape, Cancel or a booking', async () => {
    await page.goto(`${server.baseUrl}/oolite/admin/calendar?date=${DAY}T12:00:00-05:00`);
    await page.getByLabel('Resource type').selectOption('space');
    await page.locator('.rbc-time-view').waitFor();
    const newBooking = page.getByRole('button', { name: 'New booking' });
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    const focused = (locator: typeof newBooking) => locator.evaluate((element) => element === document.activeElement);

    // A click that leaves focus where it was, as Safari's and Firefox's on a Mac do.
    await newBooking.dispatchEvent('click');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(newBooking)).toBe(true);

    // One click on Cancel closes it, though leaving the empty title on the way is an error.
    await newBooking.click();
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(newBooking)).toBe(true);

    // Opened by dragging across free hours, and booked: back to the calendar's hours.
    await newBooking.blur();
    await dragSelect('Test Studio', 14, 15);
    await bookSelectedSlot('Focus returns');
    await expect.poll(() => focused(page.getByRole('region', { name: 'Bookings by hour' }))).toBe(true);

    // The booking's own dialog, opened from the keyboard: back to the booking.
    const booking = page.locator('.rbc-event', { hasText: 'Focus returns' });
    await booking.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Focus returns' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(booking)).toBe(true);
  });

  it('approves a pending request from the approval queue', async () => {
    await dragSelect('Test Studio', 15, 16);
    await bookSelectedSlot('Open studio request', 'pending');
    await expect
      .poll(() => page.locator('.rbc-event.booking-pending', { hasText: 'Open studio request' }).count())
      .toBe(1);
    await page.getByRole('link', { name: 'Bookings' }).click();
    const request = page
      .getByRole('table', { name: 'Waiting for approval' })
      .getByRole('row')
      .filter({ hasText: 'Open studio request' });
    await request.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Waiting for approval/ }).textContent()).toContain('(0)');
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'All bookings' })
          .getByRole('row')
          .filter({ hasText: 'Open studio request' })
          .first()
          .locator('[data-slot="badge"]')
          .textContent(),
      )
      .toBe('Confirmed');
  });

  it('shows a booking made elsewhere (through the API) without a reload', async () => {
    await page.goto(`${server.baseUrl}/oolite/admin/calendar?date=${DAY}T12:00:00-05:00`);
    await page.getByLabel('Resource type').selectOption('space');
    await page.locator('.rbc-event', { hasText: 'Kiln workshop' }).waitFor();
    const key = server.process.output().match(new RegExp(`${server.baseUrl}/oolite\\s+(i24_\\S+)`))![1];
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.baseUrl}/api/v1/orgs/oolite${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    const { resources } = await (await api('/resources?type=space')).json();
    const studio = resources.find((r: { title: string }) => r.title === 'Test Studio');
    const made = await api('/bookings', {
      method: 'POST',
      body: JSON.stringify({
        resourceId: studio.id,
        title: 'Booked by the front desk',
        startsAt: `${DAY}T16:00:00Z`,
        endsAt: `${DAY}T17:00:00Z`,
      }),
    });
    expect(made.status).toBe(201);
    await expect
      .poll(() => page.locator('.rbc-event', { hasText: 'Booked by the front desk' }).count(), { timeout: 15_000 })
      .toBe(1);
  });

  it('signs a resident in with a sign-in link that the worker delivered to the dev mailbox; residents get 403 on staff pages', async () => {
    const visitor = await browser.newContext();
    const residentPage = await visitor.newPage();
    await residentPage.goto(`${server.baseUrl}/login`);
    await residentPage.locator('#magic-link').getByLabel('Email').fill('resident@oolite.demo');
    await residentPage.getByRole('button', { name: 'Email me a link' }).click();
    await expect
      .poll(() => residentPage.getByRole('status').first().textContent())
      .toContain('a sign-in link is on its way');

    // The admin reads it in the dev mailbox once the worker has delivered it.
    await expect
      .poll(
        async () => {
          await page.goto(`${server.baseUrl}/oolite/admin/mailbox?to=resident@oolite.demo`);
          return page.locator('table').textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('sign-in link');
    await page
      .locator('a', { hasText: /sign-in link/i })
      .first()
      .click();
    const html = await page.locator('iframe[title="Email"]').getAttribute('srcdoc');
    const link = /href="([^"]*\/magic-link\/[^"]+)"/.exec(html ?? '')?.[1];
    expect(link, 'a sign-in link in the email').toBeTruthy();

    await residentPage.goto(link!.replace(/&amp;/g, '&'));
    await residentPage.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => residentPage.locator('body').textContent()).toContain('Signed in as Oolite resident');
    const staffOnly = await residentPage.goto(`${server.baseUrl}/oolite/admin/calendar`);
    expect(staffOnly?.status()).toBe(403);
    await visitor.close();
  });
});
