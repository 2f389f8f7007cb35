import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed';
import { startAppServer, type AppServer } from './app-server';
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
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs the page in with a demo account's password; waits for `redirectTo`, or for leaving the login page. */
export async function signInWithPassword(
  page: Page,
  baseUrl: string,
  email: string,
  redirectTo?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`);
  await page.locator('#password-sign-in').getByLabel('Email').fill(email);
  await page.locator('#password-sign-in').getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await (redirectTo
    ? page.waitForURL(`**${redirectTo}`)
    : page.waitForURL((url) => !url.pathname.startsWith('/login')));
}

export interface AppInBrowser {
  /** True when Chromium is missing here (the suite is listed as not run). */
  readonly skip: boolean;
  readonly server: AppServer;
  readonly browser: Browser;
}

/**
 * The usual browser suite: the whole app (`server.ts all`) and Chromium, started before the suite's
 * tests and stopped after them; nothing is started where Chromium is missing.
 */
export function appInBrowser(suite: string): AppInBrowser {
  const skip = needsChromium(suite);
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (skip) return;
    server = await startAppServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    skip,
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
