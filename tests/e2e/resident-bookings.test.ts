import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser, signInWithPassword } from '../support/browser';

// A fixed week far from the demo's own bookings: Tuesday 8 January 2030, 1:00 PM in New York.
const WEEK = '2030-01-07';
const SLOT = 'Studio visits: Ana Ruiz, Tuesday, January 8, 1:00 PM';

const app = appInBrowser('tests/e2e/resident-bookings.test.ts');

const signIn = (page: Page, email: string, redirectTo: string) =>
  signInWithPassword(page, app.server.baseUrl, email, redirectTo);

describe.skipIf(app.skip)('a resident from the browser', () => {
  it('requests a studio visit, sees it pending among their bookings, and cancels it', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'resident@oolite.demo', `/oolite/studio-visits?week=${WEEK}`);
    await page.getByLabel(SLOT).check();
    await page.getByLabel('Note for the artist (optional)').fill('Looking at the new print series');
    await page.getByRole('button', { name: 'Request a visit' }).click();
    await page.waitForURL(/\/oolite\/dashboard\/bookings\?requested=[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Request sent');
    const visit = page
      .getByRole('list', { name: 'Upcoming bookings' })
      .getByRole('listitem')
      .filter({ hasText: 'Studio visits: Ana Ruiz' });
    const status = visit.locator('[data-slot="badge"]');
    await expect.poll(() => status.textContent()).toBe('pending approval');
    expect(await visit.textContent()).toContain('Tue, Jan 8, 2030, 1:00 – 1:45 PM');
    // The nav links both dashboard pages.
    expect(await page.getByRole('navigation', { name: 'My pages' }).getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['My bookings', 'My workshops']),
    );

    await visit.getByRole('button', { name: /^Cancel/ }).click();
    // Cancelling asks first, then says what happened.
    await page
      .getByRole('alertdialog', { name: 'Cancel this booking?' })
      .getByRole('button', { name: 'Cancel booking' })
      .click();
    await expect.poll(() => status.textContent()).toBe('cancelled');
    await expect.poll(() => page.getByText(/^Cancelled: /).count()).toBe(1);
    expect(await visit.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);

    // The slot is free again for the next person.
    await page.goto(`${app.server.baseUrl}/oolite/studio-visits?week=${WEEK}`);
    expect(await page.getByLabel(SLOT).count()).toBe(1);
  });
});
