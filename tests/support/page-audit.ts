import { createRequire } from 'node:module';
import type { BrowserContext } from 'playwright-core';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type ProblemKind = 'overflow' | 'axe' | 'console' | '5xx' | 'visit';

export interface Problem {
  kind: ProblemKind;
  /** The axe rule id for `axe`; otherwise the kind again, so problems group by it. */
  rule: string;
  detail: string;
}

export interface PageAudit {
  status: number | undefined;
  /** Where the page ended up, after redirects (path and query). */
  finalPath: string;
  problems: Problem[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

// Chromium logs a page's own non-2xx status as a console error; that status is judged by the 5xx rule instead.
const OWN_STATUS_LINE = /^Failed to load resource: the server responded with a status of (\d+)/;

/**
 * Opens `url` in a new tab of `context` and checks the page: no sideways scroll of the page itself,
 * no serious or critical axe violation, no console error or uncaught exception, no 5xx answer to
 * anything it loaded. `shouldCheck` sees where the page ended up and may skip the checks (a
 * redirect to a page already checked); the screenshot is taken only of checked pages.
 */
export async function auditPage(
  context: BrowserContext,
  url: string,
  options: { screenshotPath: string; shouldCheck(finalPath: string): boolean },
): Promise<PageAudit> {
  const page = await context.newPage();
  const problems: Problem[] = [];
  const add = (kind: ProblemKind, detail: string, rule: string = kind) => problems.push({ kind, rule, detail });
  const consoleErrors: { text: string; url: string }[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => add('console', `uncaught ${error.name}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) add('5xx', `${response.status()} ${response.request().method()} ${response.url()}`);
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    // Hydration and the first fetches; live pages (sockets) never go idle, so this wait is bounded.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    const final = new URL(page.url());
    const finalPath = `${final.pathname}${final.search}`;
    if (!options.shouldCheck(final.pathname)) return { status: response?.status(), finalPath, problems };
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (width.scroll > width.client)
      add('overflow', `page scrolls sideways: scrollWidth ${width.scroll} > clientWidth ${width.client}`);
    for (const violation of await runAxe(page)) {
      const targets = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ');
      add(
        'axe',
        `${violation.impact}: ${violation.help} (${violation.nodes.length}×: ${targets}${violation.nodes.length > 3 ? ', …' : ''})`,
        violation.id,
      );
    }
    for (const error of consoleErrors) {
      if (OWN_STATUS_LINE.test(error.text) && error.url === page.url()) continue;
      add('console', `${error.text}${error.url ? ` (${error.url})` : ''}`);
    }
    await page.screenshot({ path: options.screenshotPath, fullPage: true });
    return { status: response?.status(), finalPath, problems };
  } catch (error) {
    add('visit', `could not be visited: ${(error as Error).message.split('\n')[0]}`);
    return { status: undefined, finalPath: url, problems };
  } finally {
    await page.close();
  }
}

/** The serious and critical axe violations of the page as it is now (a menu open, say). */
export async function runAxe(page: import('playwright-core').Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the page's CSP (nonces)
  // refuses inline scripts, and turning CSP off (bypassCSP) would hide the app's own CSP errors.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, AXE_TAGS);
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
