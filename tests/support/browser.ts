import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seed';
import { recordSkippedSuite } from './database';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when browser tests cannot run here (no Chromium), after recording why. */
export function needsChromium(suite: string): boolean {
  if (fs.existsSync(CHROMIUM)) return false;
  recordSkippedSuite(suite, `needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return true;
}

/** Debian's Chromium, never a downloaded browser; these flags keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs the page in with a demo account's password; waits for `redirectTo`, or for leaving the login page. */
export async function signInWithPassword(page: Page, baseUrl: string, email: string, redirectTo?: string): Promise<void> {
  await page.goto(`${baseUrl}/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`);
  await page.locator('#password-sign-in').getByLabel('Email').fill(email);
  await page.locator('#password-sign-in').getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await (redirectTo ? page.waitForURL(`**${redirectTo}`) : page.waitForURL((url) => !url.pathname.startsWith('/login')));
}
