import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { registerForSession } from '../../db/operations/registrations/registrations';
import { resources } from '../../db/schema/index';
import { appInBrowser, signInWithPassword } from '../support/browser';
import { createWorkshopWithSession } from '../support/workshops';

const ARTIFACTS = 'test-results';
const app = appInBrowser('tests/e2e/form-checks.test.ts');
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };

/** A full session of the demo organization with two people waiting, made in the running app's database. */
async function sessionWithWaitlist(slug: string): Promise<string> {
  const db = app.server.database!.db;
  const org = (await findOrganizationBySlug(db, 'oolite'))!;
  const [room] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, org.id), eq(resources.title, 'Classroom 1')));
  // Fixed evenings in 2031, far from the demo bookings; one per test.
  const day = slug === 'move-desktop' ? '2031-06-03' : '2031-06-05';
  const { session } = await createWorkshopWithSession(db, {
    orgId: org.id,
    resourceId: room.id,
    slug,
    capacity: 1,
    startsAt: `${day}T22:00:00Z`,
    endsAt: `${day}T23:30:00Z`,
  });
  for (const name of ['Ana Ruiz', 'Bo Chen', 'Cy Diaz'])
    await registerForSession(db, {
      orgId: org.id,
      sessionId: session.id,
      name,
      email: `${name.split(' ')[0].toLowerCase()}@example.org`,
      audience: 'public',
      baseUrl: app.server.baseUrl,
    });
  return session.id;
}

async function pageAs(who: 'staff' | 'resident' | 'guest', viewport = VIEWPORTS.desktop): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  if (who !== 'guest') await signInWithPassword(page, app.server.baseUrl, `${who}@oolite.demo`);
  return page;
}

/** What a field's control is described by (its hint and its error), as a screen reader hears it. */
async function description(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ');
}

// A week with the demo artist's Tuesday and Thursday visits, far from today, whatever today is.
const VISITS_WEEK = '/oolite/studio-visits?week=2031-06-02';
/** The summary of a guest's empty request, in the action's words (core/schemas/booking-request.ts). */
const EMPTY_GUEST_REQUEST = ['Time: choose a time', 'Your name: is required', 'Email: is required'];

/** POSTs the page sends, to tell a check in the browser from an answer of the server. */
function postsOf(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  return posts;
}

const CHECKS_MODULE = /\/assets\/request-checks-[\w-]+\.js$/;
const checksModule = (url: string | URL) => CHECKS_MODULE.test(String(url));

describe.skipIf(app.skip)('forms in the browser', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS))
    it(`one click on a form's button after a wrong value sends the form (${name}): the summary names every field`, async () => {
      // Made straight in the server's database (PostgreSQL).
      if (!app.server.database) return;
      const sessionId = await sessionWithWaitlist(`move-${name}`);
      const page = await pageAs('staff', viewport);
      await page.goto(`${app.server.baseUrl}/oolite/admin/workshops/sessions/${sessionId}`);
      const bo = page.getByRole('listitem', { name: 'Bo Chen' });
      await bo.getByLabel('New position').fill('0');
      // One press of the button, straight from the field: leaving the field must not move the button
      // away between mouse-down and mouse-up.
      await bo.getByRole('button', { name: 'Move' }).click();
      const summary = bo.getByRole('alert');
      // The whole form was checked (the reason, never left, too), so the click was a submit.
      await expect
        .poll(() => summary.getByRole('link').allTextContents())
        .toEqual(['New position: must be at least 1', 'Reason: is required']);
      expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}/roster-move-errors-${name}.png`, fullPage: true });

      await bo.getByLabel('New position').fill('2');
      await bo.getByLabel('Reason').fill('Asked by phone');
      await bo.getByRole('button', { name: 'Move' }).click();
      await expect
        .poll(() => page.getByRole('status').allTextContents())
        .toContain('Moved to place 2 on the waitlist.');
      await page.context().close();
    });

  it('studio visits: a guest request is checked as each field is left once the form is touched, in the words of the server, without sending it', async () => {
    const page = await pageAs('guest');
    const posts = postsOf(page);
    await page.goto(`${app.server.baseUrl}${VISITS_WEEK}`, { waitUntil: 'networkidle' });
    // The checks (zod and the schema) are not part of the page: they come when the form is first touched.
    const checksLoaded = page.waitForResponse((response) => checksModule(response.url()));
    await page.getByLabel('Your name').focus();
    await checksLoaded;
    await page.locator('form[data-checks="browser"]').waitFor();
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Note for the artist (optional)').focus();
    await expect.poll(() => description(page, 'Your name')).toBe('is required');
    await expect.poll(() => description(page, 'Email')).toBe('must be an email address');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    // Leaving a field says it beside the field only: the summary waits for a submit.
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByLabel('Email').fill('');
    await page.getByRole('button', { name: 'Request a visit' }).click();
    await expect.poll(() => page.getByRole('alert').getByRole('link').allTextContents()).toEqual(EMPTY_GUEST_REQUEST);
    // The summary takes focus, after the first wrong field had it.
    await expect
      .poll(() => page.getByRole('alert').evaluate((element) => element === document.activeElement))
      .toBe(true);
    expect(posts).toEqual([]);
    await page.context().close();
  });

  it('studio visits: before the checks have loaded, the server checks the form and answers the same words', async () => {
    const page = await pageAs('guest');
    const posts = postsOf(page);
    await page.route(checksModule, (route) => route.abort());
    await page.goto(`${app.server.baseUrl}${VISITS_WEEK}`, { waitUntil: 'networkidle' });
    await page.getByLabel('Your name').focus();
    await page.getByLabel('Email').focus();
    expect(await page.locator('form[data-checks="server"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Request a visit' }).click();
    await expect.poll(() => page.getByRole('alert').getByRole('link').allTextContents()).toEqual(EMPTY_GUEST_REQUEST);
    expect(await description(page, 'Your name')).toBe('is required');
    expect(posts).toHaveLength(1);
    await page.context().close();
  });

  it('equipment: a member request is checked as a time is left empty', async () => {
    const page = await pageAs('resident');
    const posts = postsOf(page);
    await page.goto(`${app.server.baseUrl}/oolite/equipment?week=2031-06-02`, { waitUntil: 'networkidle' });
    const checksLoaded = page.waitForResponse((response) => checksModule(response.url()));
    await page.getByLabel('From', { exact: true }).focus();
    await checksLoaded;
    await page.locator('form[data-checks="browser"]').waitFor();
    await page.getByLabel('Until', { exact: true }).focus();
    await page.getByLabel('What for (optional)').focus();
    await expect.poll(() => description(page, 'From')).toBe('In America/New_York is required');
    await expect.poll(() => description(page, 'Until')).toBe('is required');
    expect(posts).toEqual([]);
    await page.context().close();
  });
});
