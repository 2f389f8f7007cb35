import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailMessages } from '../../db/schema/index';
import { appInBrowser } from '../support/browser';
import { createDemoSeries } from '../support/workshops';

const ARTIFACTS = 'test-results';
const app = appInBrowser('tests/e2e/series-waitlist.test.ts');

async function guestPage(javaScriptEnabled = true): Promise<Page> {
  return (await app.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled })).newPage();
}

/** Fills in the workshop page's form as a guest and waits for the private registration page. */
async function registerAsGuest(page: Page, name: string, button: string) {
  // Public pages are cached for a second (ADR 018): load again until the page shows the seats as they are now.
  await expect
    .poll(async () => {
      await page.goto(`${app.server.baseUrl}/oolite/workshops/weaving-series`);
      return page.getByRole('button', { name: button }).count();
    })
    .toBe(1);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}@example.org`);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/oolite\/registrations\//);
}

describe.skipIf(app.skip)('the waitlist of a full series, in the browser', () => {
  it('a guest joins it, is offered the whole series by email when a place frees up; one declines without JavaScript, the next accepts', async () => {
    // Made straight in the server's database (PostgreSQL), on fixed dates far from the demo bookings.
    if (!app.server.database) return;
    const db = app.server.database.db;
    await createDemoSeries(db, {
      title: 'Weaving series',
      slug: 'weaving-series',
      capacity: 1,
      isPublic: true,
      days: ['2031-03-04', '2031-03-11'],
    });

    const ana = await guestPage();
    await registerAsGuest(ana, 'Ana', 'Register for the series');
    await expect.poll(() => ana.locator('h1').textContent()).toBe("You're registered");
    const anaManage = ana.url();

    const bo = await guestPage();
    await registerAsGuest(bo, 'Bo', 'Join the waitlist for the series');
    await expect
      .poll(() => bo.locator('main').textContent())
      .toContain('You are number 1 on the waitlist. When a seat frees up in every session');
    await bo.screenshot({ path: `${ARTIFACTS}/series-waitlist.png`, fullPage: true });

    const cy = await guestPage();
    await registerAsGuest(cy, 'Cy', 'Join the waitlist for the series');
    await expect.poll(() => cy.locator('main').textContent()).toContain('You are number 2 on the waitlist');

    await ana.goto(anaManage);
    await ana.getByRole('button', { name: 'Cancel my registration for the whole series' }).click();
    await ana.getByRole('alertdialog').getByRole('button', { name: 'Cancel the series' }).click();
    await expect.poll(() => ana.locator('main').textContent()).toContain('This registration is cancelled');

    // The worker delivers one offer email per person; its link answers for both sessions.
    const offerLink = async (name: string) => {
      const [message] = await db
        .select()
        .from(emailMessages)
        .where(
          and(
            eq(emailMessages.toAddress, `${name.toLowerCase()}@example.org`),
            eq(emailMessages.subject, 'A place opened: Weaving series'),
          ),
        );
      return message?.text
        .match(/https?:\/\/\S+\/oolite\/offers\/\S+/)?.[0]
        ?.replace(/^https?:\/\/[^/]+/, app.server.baseUrl);
    };
    await expect.poll(() => offerLink('Bo'), { timeout: 20_000 }).toBeTruthy();
    // Bo answers from a browser without JavaScript: the form posts the whole page, and the answer shows.
    const boPlain = await guestPage(false);
    await boPlain.goto((await offerLink('Bo'))!);
    expect(await boPlain.locator('h1').textContent()).toBe('The series has a seat for you, Bo');
    expect(await boPlain.locator('main li').count()).toBe(2);
    const [posted] = await Promise.all([
      boPlain.waitForResponse((response) => response.request().method() === 'POST'),
      boPlain.getByRole('button', { name: 'No thanks' }).click(),
    ]);
    expect(posted.status()).toBe(200);
    expect(await boPlain.locator('h1').textContent()).toBe('Thanks for letting us know');

    await expect.poll(() => offerLink('Cy'), { timeout: 20_000 }).toBeTruthy();
    await cy.goto((await offerLink('Cy'))!);
    await expect.poll(() => cy.locator('h1').textContent()).toBe('The series has a seat for you, Cy');
    await cy.getByRole('button', { name: 'Accept the series' }).click();
    await expect.poll(() => cy.locator('h1').textContent()).toBe('The seat is yours');
    // The answer stays on screen: the spent link is not loaded again behind it.
    await cy.waitForLoadState('networkidle');
    expect(await cy.locator('h1').textContent()).toBe('The seat is yours');
  }, 90_000);
});
