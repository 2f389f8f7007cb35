import type { Browser, Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../db/operations/organizations';
import { addWorkshopSession, createWorkshop } from '../../db/operations/workshops';
import { emailMessages, resources } from '../../db/schema/index';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium } from '../support/browser';
import { STAFF_ACTOR } from '../support/fixtures';

const ARTIFACTS = 'test-results';
let server: AppServer;
let browser: Browser;
const skip = needsChromium('tests/e2e/series-waitlist.test.ts');

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function guestPage(): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}

/** Fills in the workshop page's form as a guest and waits for the private registration page. */
async function registerAsGuest(page: Page, name: string, button: string) {
  // Public pages are cached for a second (ADR 018): load again until the page shows the seats as they are now.
  await expect.poll(async () => {
    await page.goto(`${server.baseUrl}/oolite/workshops/weaving-series`);
    return page.getByRole('button', { name: button }).count();
  }).toBe(1);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}@example.org`);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/oolite\/registrations\//);
}

describe.skipIf(skip)('the waitlist of a full series, in the browser', () => {
  it('a guest joins it, is offered the whole series by email when a place frees up, and accepts it', async () => {
    // Made straight in the server's database (PostgreSQL), on fixed dates far from the demo bookings.
    if (!server.database) return;
    const db = server.database.db;
    const org = (await findOrganizationBySlug(db, 'oolite'))!;
    const [room] = await db.select().from(resources).where(eq(resources.title, 'Classroom 1'));
    const workshop = await createWorkshop(db, {
      orgId: org.id, actor: STAFF_ACTOR,
      workshop: { title: 'Weaving series', slug: 'weaving-series', description: 'Two evenings at the loom.', capacity: 1, tags: [], isPublic: true, registrationMode: 'series', published: true },
    });
    for (const day of ['2031-03-04', '2031-03-11']) {
      await addWorkshopSession(db, { orgId: org.id, actor: STAFF_ACTOR, workshopId: workshop.id, session: { resourceId: room.id, startsAt: new Date(`${day}T23:00:00Z`), endsAt: new Date(`${day}T23:59:00Z`) } });
    }

    const ana = await guestPage();
    await registerAsGuest(ana, 'Ana', 'Register for the series');
    await expect.poll(() => ana.locator('h1').textContent()).toBe("You're registered");
    const anaManage = ana.url();

    const bo = await guestPage();
    await registerAsGuest(bo, 'Bo', 'Join the waitlist for the series');
    await expect.poll(() => bo.locator('main').textContent()).toContain('You are number 1 on the waitlist. When a seat frees up in every session');
    await bo.screenshot({ path: `${ARTIFACTS}/series-waitlist.png`, fullPage: true });

    await ana.goto(anaManage);
    await ana.getByRole('button', { name: 'Cancel my registration for the whole series' }).click();
    await expect.poll(() => ana.locator('main').textContent()).toContain('This registration is cancelled');

    // The worker delivers Bo's one offer email; its link answers for both sessions.
    const offerEmail = async () => {
      const [message] = await db.select().from(emailMessages).where(and(eq(emailMessages.toAddress, 'bo@example.org'), eq(emailMessages.subject, 'A place opened: Weaving series')));
      return message?.text.match(/https?:\/\/\S+\/oolite\/offers\/\S+/)?.[0];
    };
    await expect.poll(offerEmail, { timeout: 20_000 }).toBeTruthy();
    await bo.goto((await offerEmail())!.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    await expect.poll(() => bo.locator('h1').textContent()).toBe('The series has a seat for you, Bo');
    expect(await bo.locator('main li').count()).toBe(2);
    await bo.getByRole('button', { name: 'Accept the series' }).click();
    await expect.poll(() => bo.locator('h1').textContent()).toBe('The seat is yours');
  }, 90_000);
});
