import fs from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDemoSeries } from '../support/workshops';
import { appInBrowser, signInWithPassword } from '../support/browser';

const ARTIFACTS = 'test-results';

const app = appInBrowser('tests/e2e/calendar-feeds.test.ts');

const signIn = (page: Page, email: string, redirectTo: string) =>
  signInWithPassword(page, app.server.baseUrl, email, redirectTo);

/** What a calendar app does: fetch the address with no cookie, and read it as a calendar. */
async function subscribe(url: string): Promise<{ status: number; method?: unknown }> {
  const response = await fetch(url.replace(/^http:\/\/[^/]+/, app.server.baseUrl));
  if (response.status !== 200) return { status: response.status };
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return { status: 200, method: calendar.getFirstPropertyValue('method') };
}

describe.skipIf(app.skip)('calendar subscriptions from the browser', () => {
  it('a resident turns on their calendar link, resets it, and the old address stops', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
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
    const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'staff@oolite.demo', '/oolite/admin/resources');
    await page.getByRole('link', { name: 'Classroom 1' }).click();
    await page.getByRole('button', { name: 'Turn on calendar link' }).click();
    const https = page.getByLabel(/Address to paste into Google Calendar/);
    await expect.poll(() => https.inputValue()).toMatch(/\.ics$/);
    await page.screenshot({ path: `${ARTIFACTS}/resource-feed-issued.png`, fullPage: true });
    expect(await subscribe(await https.inputValue())).toEqual({ status: 200, method: 'PUBLISH' });
  }, 60_000);

  it('a members-only series: hidden from the public, booked as a whole by a member', async () => {
    // Made straight in the server's database (PostgreSQL), on fixed dates far from the demo bookings.
    if (!app.server.database) return;
    await createDemoSeries(app.server.database.db, {
      title: 'Residents bookbinding series',
      slug: 'residents-bookbinding',
      capacity: 6,
      isPublic: false,
      days: ['2031-02-04', '2031-02-11'],
    });
    const anonymous = await fetch(`${app.server.baseUrl}/oolite/workshops/residents-bookbinding`);
    expect(anonymous.status).toBe(404);

    const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'resident@oolite.demo', '/oolite/workshops');
    await page.getByRole('link', { name: 'Residents bookbinding series' }).click();
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 15_000 })
      .toContain('Registration is for the whole series (2 sessions).');
    expect(await page.locator('main [data-slot="badge"]').first().textContent()).toBe('Members only');
    await page.screenshot({ path: `${ARTIFACTS}/members-only-series.png`, fullPage: true });
    await page.getByRole('button', { name: 'Register for the series' }).click();
    await page.waitForURL(/\/oolite\/registrations\//);
    // The address changes as the navigation starts; the page follows once its data has arrived.
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('This registration is for the whole series (2 sessions)');
    await page.screenshot({ path: `${ARTIFACTS}/series-registration.png`, fullPage: true });
  }, 60_000);
});
