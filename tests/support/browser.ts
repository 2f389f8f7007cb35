import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { recordSkippedSuite } from './database';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
