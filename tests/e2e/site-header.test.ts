import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser, signInWithPassword } from '../support/browser';
import { runAxe } from '../support/page-audit';

const app = appInBrowser('tests/e2e/site-header.test.ts');

/** The focused element's text, tag and role, e.g. "My bookings [A menuitem]". */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement!;
    const role = element.getAttribute('role');
    return `${(element.textContent ?? '').trim()} [${element.tagName}${role ? ` ${role}` : ''}]`;
  });

const toasterLoaded = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('toaster-host')));

async function signedIn(email: string, viewport: { width: number; height: number }, path: string) {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  await signInWithPassword(page, app.server.baseUrl, email, path);
  await page.waitForLoadState('networkidle');
  return page;
}

describe.skipIf(app.skip)('the public header', () => {
  it("opens the person's menu from the keyboard: arrows, a letter, Escape and Tab, and signs out", async () => {
    const page = await signedIn('resident@oolite.demo', { width: 1280, height: 800 }, '/oolite/workshops');
    const button = page.getByRole('button', { name: /Oolite resident/ });
    await page.getByRole('link', { name: /^Equipment/ }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('Oolite resident [BUTTON]');
    expect(await button.getAttribute('aria-haspopup')).toBe('menu');
    // The focus ring shows on the button.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).not.toBe('none');

    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('menu', { name: /Oolite resident/ }).count()).toBe(1);
    expect(await focused(page)).toBe('My bookings [A menuitem]');
    expect(await runAxe(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('My workshops [A menuitem]');
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('Sign out [BUTTON menuitem]');
    await page.keyboard.press('Home');
    await page.keyboard.press('s');
    expect(await focused(page)).toBe('Sign out [BUTTON menuitem]');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await focused(page)).toContain('Oolite resident [BUTTON]');

    // ↑ opens on the last item; Shift+Tab closes and moves on backwards.
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe('Sign out [BUTTON menuitem]');
    await page.keyboard.press('Shift+Tab');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await focused(page)).toMatch(/^Equipment/);

    // A click opens it; a click elsewhere closes it.
    await button.click();
    expect(await page.getByRole('menu').count()).toBe(1);
    await page.mouse.click(600, 700);
    expect(await page.getByRole('menu').count()).toBe(0);

    // Space follows a link item.
    await button.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await page.waitForURL('**/oolite/dashboard/bookings');
    expect(await page.getByRole('menu').count()).toBe(0);

    await page.getByRole('button', { name: /Oolite resident/ }).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`${app.server.baseUrl}/oolite`);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    // No toast was asked for, so the toaster never loaded.
    expect(await toasterLoaded(page)).toBe(false);
  });

  it('opens the phone menu as a modal sheet: focus inside, Escape back to the button, links close it', async () => {
    const page = await (await app.browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
    await page.goto(`${app.server.baseUrl}/oolite`);
    await page.waitForLoadState('networkidle');
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-haspopup')).toBe('dialog');
    await menu.focus();
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog', { name: 'Oolite Arts' });
    expect(await sheet.isVisible()).toBe(true);
    expect(await focused(page)).toBe('Home [A]');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    // The current page is marked in the sheet as in the header.
    expect(await sheet.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await sheet.getByRole('link', { name: 'Home' }).getAttribute('class')).toContain('bg-subtle');
    expect(await runAxe(page)).toEqual([]);

    await page.keyboard.press('Escape');
    expect(await sheet.isVisible()).toBe(false);
    expect(await menu.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // A click on the shade closes it; a click on the panel does not.
    await menu.click();
    await page.mouse.click(200, 700);
    expect(await sheet.isVisible()).toBe(true);
    await page.mouse.click(20, 400);
    expect(await sheet.isVisible()).toBe(false);

    await menu.click();
    await sheet.getByRole('link', { name: 'Workshops', exact: true }).click();
    await page.waitForURL('**/oolite/workshops');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
  });

  it("shows an action's flash as a toast after its redirect, loading the toaster only then", async () => {
    const page = await signedIn(
      'admin@oolite.demo',
      { width: 1280, height: 800 },
      '/oolite/admin/resources?archived=1',
    );
    expect(await toasterLoaded(page)).toBe(false);
    const archive = page.getByRole('button', { name: /^Archive / }).first();
    const title = (await archive.getAttribute('aria-label'))!.replace(/^Archive /, '');
    await archive.click();
    const toasts = page.locator('[data-sonner-toast]');
    await expect.poll(() => toasts.allTextContents()).toEqual([expect.stringContaining(`Archived “${title}”`)]);
    await page.getByRole('button', { name: `Restore ${title}` }).click();
    await expect
      .poll(() => toasts.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(`Restored “${title}”`)]));
  });
});
