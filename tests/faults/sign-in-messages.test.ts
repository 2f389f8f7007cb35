import { describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/browser';

const app = appInBrowser('tests/faults/sign-in-messages.test.ts');
const WRONG = 'That email and password do not match an account.';

describe.skipIf(app.skip)('the sign-in page in a browser', () => {
  it('clears a wrong-password message once a sign-in link is asked for, and the other way round', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.baseUrl}/login`);
    const passwordForm = page.locator('#password-sign-in');
    await passwordForm.getByLabel('Email').fill('admin@oolite.demo');
    await passwordForm.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByText(WRONG).count()).toBe(1);

    await page.locator('#magic-link').getByLabel('Email').fill('admin@oolite.demo');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect.poll(() => page.getByText(/a sign-in link is on its way/).count()).toBe(1);
    expect(await page.getByText(WRONG).count()).toBe(0);

    await passwordForm.getByLabel('Email').fill('admin@oolite.demo');
    await passwordForm.getByLabel('Password').fill('still not it');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByText(WRONG).count()).toBe(1);
    expect(await page.getByText(/a sign-in link is on its way/).count()).toBe(0);
    await page.close();
  });

  it('shows a bad email once beside its field, and in the summary that links to it', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.baseUrl}/signup`);
    await page.getByLabel('Your name').fill('Someone');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByText('must be an email address', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('alert').getByRole('link', { name: 'Email: must be an email address' }).count()).toBe(
      1,
    );
    await page.close();
  });
});
