import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';

const ARTIFACTS = 'test-results';
// Tuesday 2030-01-08, 18:00–20:00 in New York: a fixed evening far from the demo bookings.
const TITLE = 'Cyanotype Printing Night';

let server: AppServer;
let browser: Browser;
let staff: BrowserContext;
let visitor: BrowserContext;
let phone: BrowserContext;
const skip = needsChromium('tests/e2e/workshops.test.ts');

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  browser = await launchBrowser();
  staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page: Page, email: string, redirectTo: string) =>
  signInWithPassword(page, server.baseUrl, email, redirectTo);

describe.skipIf(skip)('workshops from the browser', () => {
  it('staff create a public workshop and schedule a session', async () => {
    const page = await staff.newPage();
    await signIn(page, 'staff@oolite.demo', '/oolite/admin/workshops');
    await page.getByRole('link', { name: 'New workshop' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await page
      .getByLabel('Description')
      .fill('Sun prints on cotton paper.\n\n<b>All materials included.</b><script>alert(1)</script>');
    await page.getByLabel('Seats per session').fill('8');
    await page.getByLabel('Tags').fill('printmaking, evening');
    await page.getByLabel('Published').check();
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.waitForURL(/\/oolite\/admin\/workshops\/[0-9a-f-]{36}$/);
    await page.getByLabel('Room').selectOption({ label: 'Classroom 1' });
    await page.getByLabel('Starts (America/New_York)').fill('2030-01-08T18:00');
    await page.getByLabel('Ends').fill('2030-01-08T20:00');
    await page.getByRole('button', { name: 'Add session' }).click();
    await expect.poll(() => page.locator('table').textContent()).toContain('Tue, Jan 8, 2030, 6:00 – 8:00 PM');
  });

  it('a member of the public finds it, registers, and sees the confirmation', async () => {
    const page = await visitor.newPage();
    await page.goto(`${server.baseUrl}/oolite/workshops?tag=printmaking`);
    expect(await page.title()).toBe('Workshops at Oolite Arts');
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
    expect(jsonLd).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@type': 'Event', name: TITLE, startDate: '2030-01-08T23:00:00.000Z' }),
      ]),
    );
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL('**/oolite/workshops/cyanotype-printing-night');
    await expect.poll(() => page.title()).toBe(`${TITLE} — Oolite Arts`);
    expect(await page.locator('.workshop-description').innerHTML()).toBe(
      '<p>Sun prints on cotton paper.</p><p><b>All materials included.</b></p>',
    );
    await expect.poll(() => page.locator('main').textContent()).toContain('Tue, Jan 8, 2030, 6:00 – 8:00 PM');
    await page.getByLabel('Your name').fill('Marisol Vega');
    await page.getByLabel('Email').fill('marisol@example.org');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/oolite\/registrations\/[\w-]{43}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe("You're registered");
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Add to calendar (.ics)' }).click();
    const ics = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(ics).toMatch(/UID:session-[0-9a-f-]{36}@infra24/);
  });

  it('staff mark attendance on a phone', async () => {
    const cookies = await staff.cookies();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.addCookies(cookies);
    const page = await phone.newPage();
    await page.goto(`${server.baseUrl}/oolite/admin/workshops`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('link', { name: 'Roster' }).click();
    await page.waitForURL(/\/oolite\/admin\/workshops\/sessions\/[0-9a-f-]{36}$/);
    const attended = page.getByRole('button', { name: 'Marisol Vega attended' });
    const box = (await attended.boundingBox())!;
    // Big enough for a thumb, and on screen without scrolling sideways.
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await attended.tap();
    await expect
      .poll(() => page.getByRole('listitem', { name: 'Marisol Vega' }).locator('[data-slot="badge"]').textContent())
      .toBe('Attended');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/workshop-roster-phone.png`, fullPage: true });
  });

  it('a resident registers signed in and cancels from their dashboard', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'resident@oolite.demo', '/oolite/workshops/cyanotype-printing-night');
    await expect.poll(() => page.locator('#email').textContent()).toContain('(signed in)');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/oolite\/registrations\/[\w-]{43}$/);
    await page.goto(`${server.baseUrl}/oolite/dashboard/workshops`);
    const mine = page
      .getByRole('list', { name: 'Upcoming workshops' })
      .getByRole('listitem')
      .filter({ hasText: TITLE });
    await expect.poll(() => mine.locator('[data-slot="badge"]').last().textContent()).toBe('registered');
    await page.getByRole('button', { name: `Cancel ${TITLE}` }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: /^Cancel (my place|series)$/ })
      .click();
    await expect.poll(() => mine.locator('[data-slot="badge"]').last().textContent()).toBe('cancelled');
    expect(await page.getByRole('button', { name: `Cancel ${TITLE}` }).count()).toBe(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-workshop-cancelled.png`, fullPage: true });
  });
});
