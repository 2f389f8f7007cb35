import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed';
import { startAppServer, type AppServer } from '../support/app-server';

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
}, 120_000);
afterAll(() => server?.stop());

/** Signs a demo account in through the sign-in form and returns its session cookie. */
async function signIn(email: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl },
    body: new URLSearchParams({ intent: 'password', email, password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  expect(response.status).toBe(302);
  return response.headers.get('set-cookie')!.split(';')[0];
}

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('an error boundary per area', () => {
  it('a staff page that fails keeps the staff header and leads back to the calendar', async () => {
    const cookie = await signIn('staff@oolite.demo');
    const response = await fetch(`${server.baseUrl}/oolite/admin/workshops/sessions/${MISSING}`, {
      headers: { cookie },
    });
    const html = await response.text();
    expect(response.status).toBe(404);
    expect(html).toContain('aria-label="Staff"');
    expect(html).toContain('Back to the calendar');
  });

  it('a staff page refused to a resident stands alone and leads back to the organization', async () => {
    const cookie = await signIn('resident@oolite.demo');
    const response = await fetch(`${server.baseUrl}/oolite/admin/calendar`, { headers: { cookie } });
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).not.toContain('aria-label="Staff"');
    expect(html).toContain('href="/oolite"');
  });

  it("a person's own page of an unknown organization stands alone and leads to all organizations", async () => {
    const cookie = await signIn('resident@oolite.demo');
    const page = await fetch(`${server.baseUrl}/no-such-org/dashboard/bookings`, { headers: { cookie } });
    const html = await page.text();
    expect(page.status).toBe(404);
    expect(html).not.toContain('aria-label="My pages"');
    expect(html).toContain('All organizations');
  });

  it("a members' page opened by someone of another organization says so, inside the organization's header", async () => {
    const cookie = await signIn('resident@bakehouse.demo');
    const page = await fetch(`${server.baseUrl}/oolite/equipment`, { headers: { cookie } });
    const html = await page.text();
    expect(page.status).toBe(403);
    expect(html).toContain('This page is for members of Oolite Arts.');
    expect(html).toContain('href="/oolite"');
  });
});
