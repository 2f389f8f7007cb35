import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { registerForSession } from '../../db/operations/registrations/registrations';
import { resources } from '../../db/schema/index';
import { appInBrowser, signInWithPassword } from '../support/browser';
import { createWorkshopWithSession } from '../support/workshops';

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

async function staffPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  await signInWithPassword(page, app.server.baseUrl, 'staff@oolite.demo');
  return page;
}

describe.skipIf(app.skip)('forms in the browser', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS))
    it(`one click on a form's button after a wrong value sends the form (${name}): the summary names every field`, async () => {
      // Made straight in the server's database (PostgreSQL).
      if (!app.server.database) return;
      const sessionId = await sessionWithWaitlist(`move-${name}`);
      const page = await staffPage(viewport);
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

      await bo.getByLabel('New position').fill('2');
      await bo.getByLabel('Reason').fill('Asked by phone');
      await bo.getByRole('button', { name: 'Move' }).click();
      await expect
        .poll(() => page.getByRole('status').allTextContents())
        .toContain('Moved to place 2 on the waitlist.');
      await page.context().close();
    });
});
