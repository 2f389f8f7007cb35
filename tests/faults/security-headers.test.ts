import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInBrowser, signInWithPassword } from '../support/browser';

const app = appInBrowser('tests/faults/security-headers.test.ts');

const EXPECTED = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function expectSecurityHeaders(response: Response): string {
  for (const [name, value] of Object.entries(EXPECTED)) expect(response.headers.get(name), name).toBe(value);
  expect(response.headers.get('permissions-policy')).toContain('camera=()');
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  // http://localhost in the tests: no HSTS, which would pin a browser to https that is not there.
  expect(response.headers.get('strict-transport-security')).toBeNull();
  return csp;
}

function nonceOf(csp: string): string {
  const match = /script-src [^;]*'nonce-([^']+)'/.exec(csp);
  expect(match, csp).not.toBeNull();
  return match![1];
}

describe.skipIf(app.skip)('security headers and the Content-Security-Policy', () => {
  let context: BrowserContext;
  const violations: string[] = [];

  beforeAll(async () => {
    context = await app.browser.newContext();
    // Every violation is an event in the page, whether or not the console shows it.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `CSP violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        );
      });
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  function watch(page: Page): void {
    page.on('console', (message) => {
      const text = message.text();
      if (/Content.Security.Policy|CSP violation/i.test(text)) violations.push(`${page.url()}: ${text}`);
    });
  }

  it('sends them on a page, with a fresh nonce on every inline script of each response', async () => {
    const first = await fetch(`${app.server.baseUrl}/login`);
    const second = await fetch(`${app.server.baseUrl}/login`);
    const [nonce, otherNonce] = [nonceOf(expectSecurityHeaders(first)), nonceOf(expectSecurityHeaders(second))];
    expect(nonce).not.toBe(otherNonce);
    const html = await first.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const attributes of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it('sends them on the API and on static files', async () => {
    expectSecurityHeaders(await fetch(`${app.server.baseUrl}/api/v1/orgs/oolite/workshops`));
    expectSecurityHeaders(await fetch(`${app.server.baseUrl}/favicon.svg`));
    const html = await (await fetch(`${app.server.baseUrl}/login`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"|href="(\/assets\/[^"]+)"/.exec(html);
    expect(asset).not.toBeNull();
    const assetResponse = await fetch(`${app.server.baseUrl}${asset![1] ?? asset![2]}`);
    expect(assetResponse.status).toBe(200);
    expectSecurityHeaders(assetResponse);
  });

  it("gives each visitor of a cached public page that response's own nonce", async () => {
    const { workshops } = await (await fetch(`${app.server.baseUrl}/api/v1/orgs/oolite/workshops`)).json();
    const url = `${app.server.baseUrl}/oolite/workshops/${workshops[0].slug}`;
    const responses = [await fetch(url), await fetch(url)];
    expect(responses[1].headers.get('x-page-cache')).toBe('hit');
    for (const response of responses) {
      const nonce = nonceOf(expectSecurityHeaders(response));
      const html = await response.text();
      expect(html).toContain(`nonce="${nonce}"`);
      expect(html).not.toContain('cachedPageNonce');
    }
  });

  it('shows no CSP violation on the sign-in, public workshop, staff calendar and season board pages', async () => {
    const page = await context.newPage();
    watch(page);
    const openSockets: string[] = [];
    page.on('websocket', (socket) => {
      openSockets.push(socket.url());
      socket.on('close', () => openSockets.splice(openSockets.indexOf(socket.url()), 1));
    });
    await page.goto(`${app.server.baseUrl}/login`);
    await page.locator('#password-sign-in').waitFor();

    const { workshops } = await (await fetch(`${app.server.baseUrl}/api/v1/orgs/oolite/workshops`)).json();
    await page.goto(`${app.server.baseUrl}/oolite/workshops/${workshops[0].slug}`);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBeGreaterThan(0);
    await page.locator('.workshop-description').waitFor();

    await signInWithPassword(page, app.server.baseUrl, 'admin@oolite.demo');
    await page.goto(`${app.server.baseUrl}/oolite/admin/calendar?date=2030-01-07T12:00:00-05:00`);
    await page.locator('.rbc-time-view').waitFor();

    await page.goto(`${app.server.baseUrl}/oolite/admin/seasons`);
    await page.getByLabel('Name').fill('Spring 2030');
    await page.getByLabel('Starts').fill('2030-03-04');
    await page.getByLabel('Ends').fill('2030-05-31');
    await page.getByRole('button', { name: 'Create and open the board' }).click();
    await page.waitForURL(/\/oolite\/admin\/seasons\/[0-9a-f-]{36}$/);
    // The board opens on its timeline.
    await page.locator('.season-timeline').waitFor();
    // The board's WebSocket to /collab and the live events' to /socket.io open and stay open.
    await expect
      .poll(() => openSockets.map((url) => new URL(url).pathname))
      .toEqual(expect.arrayContaining(['/collab', '/socket.io/']));
    await expect.poll(() => page.locator('.offline-banner').count()).toBe(0);

    // The co-edited description (Tiptap) of a workshop added on the board.
    await page.locator('.new-workshop').getByLabel('Title').fill('Risograph printing');
    await page.locator('.new-workshop').getByRole('button', { name: 'Add workshop' }).click();
    await page.getByRole('button', { name: 'Edit the description of Risograph printing' }).click();
    await page.locator('.description-editor-content[contenteditable=true]').waitFor();
    await page.locator('.description-editor-content').click();
    await page.keyboard.type('Bring an apron.');
    await expect.poll(() => page.locator('.description-editor-content').textContent()).toContain('Bring an apron.');
    expect(violations).toEqual([]);
  });
});
