import fs from 'node:fs';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium } from '../support/browser';

const ARTIFACTS = 'test-results';

let server: AppServer;
let browser: Browser;
const skip = needsChromium('tests/e2e/calendar-feeds.test.ts');

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, email: string, redirectTo: string) {
  await page.goto(`${server.baseUrl}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.locator('#password-sign-in').getByLabel('Email').fill(email);
  await page.locator('#password-sign-in').getByLabel('Password').fill('infra24-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`**${redirectTo}`);
}

/** What a calendar app does: fetch the address with no cookie, and read it as a calendar. */
async function subscribe(url: string): Promise<{ status: number; method?: unknown }> {
  const response = await fetch(url.replace(/^http:\/\/[^/]+/, server.baseUrl));
  if (response.status !== 200) return { status: response.status };
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return { status: 200, method: calendar.getFirstPropertyValue('method') };
}

describe.skipIf(skip)('calendar subscriptions from the browser', () => {
  it('a resident turns on their calendar link, resets it, and the old address stops', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'resident@oolite.demo', '/oolite/dashboard/workshops');
    await page.getByRole('link', { name: 'Subscribe to my calendar' }).click();
    await page.waitForURL('**/oolite/dashboard/calendar');
    await page.getByRole('button', { name: 'Turn on calendar link' }).click();
    const https = page.getByLabel(/Address to paste into Google Calendar/);
    await expect.poll(() => https.inputValue()).toMatch(/\/oolite\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const first = await https.inputValue();
    expect(await page.getByLabel('Subscription address (webcal)').inputValue()).toMatch(/^webcal:\/\//);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/calendar-feed-issued.png`, fullPage: true });
    expect(await subscribe(first)).toEqual({ status: 200, method: 'PUBLISH' });

    // Reloading shows that a link is on, but never the address again.
    await page.reload();
    expect(await page.getByLabel(/Address to paste/).count()).toBe(0);
    await page.getByRole('button', { name: 'Reset link' }).click();
    await expect.poll(() => page.getByLabel(/Address to paste/).inputValue()).not.toBe(first);
    const second = await page.getByLabel(/Address to paste/).inputValue();
    expect([(await subscribe(first)).status, (await subscribe(second)).status]).toEqual([404, 200]);

    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Turn on calendar link' }).count()).toBe(1);
    expect((await subscribe(second)).status).toBe(404);
  }, 60_000);

  it('staff get a resource’s feed from its page', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'staff@oolite.demo', '/oolite/admin/resources');
    await page.getByRole('link', { name: 'Classroom 1' }).click();
    await page.getByRole('button', { name: 'Turn on calendar link' }).click();
    const https = page.getByLabel(/Address to paste into Google Calendar/);
    await expect.poll(() => https.inputValue()).toMatch(/\.ics$/);
    await page.screenshot({ path: `${ARTIFACTS}/resource-feed-issued.png`, fullPage: true });
    expect(await subscribe(await https.inputValue())).toEqual({ status: 200, method: 'PUBLISH' });
  }, 60_000);
});
