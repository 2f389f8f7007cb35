import fs from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';
import { needsPostgres } from '../support/database';
import { createEveryRouteFixtures, type EveryRouteFixtures } from '../support/every-route-fixtures';
import {
  LINK_NOT_VALID_STATUS,
  notValidLinkPlan,
  ROLES,
  visitPlan,
  type PageVisit,
  type ResourceVisit,
  type Role,
} from '../support/every-route-plan';
import { auditPage, type Problem } from '../support/page-audit';
import { failureList, failuresByPage, type VisitResult } from '../support/route-failures';
import { builtRoutes, routeFileName, type BuiltRoute } from '../support/route-table';

const SUITE = 'tests/e2e/every-route.test.ts';
const ARTIFACTS = 'test-results/every-route';
const VIEWPORTS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 800 } } as const;
type Viewport = keyof typeof VIEWPORTS;
// Two cores are shared with the server under test; more tabs at once only queue behind each other.
const CONCURRENT_VISITS = 4;
/**
 * While mending one area: `EVERY_ROUTE_ONLY=/admin/settings,/login` visits only the pages whose path
 * contains one of these. `npm test` never sets it, so every page is visited there.
 */
const ONLY = (process.env.EVERY_ROUTE_ONLY ?? '').split(',').filter(Boolean);
const wanted = (path: string) => ONLY.length === 0 || ONLY.some((part) => path.includes(part));

const skip = needsChromium(SUITE) || needsPostgres(SUITE);
let server: AppServer;
let browser: Browser;
let routes: BuiltRoute[];
let fixtures: EveryRouteFixtures;
const contexts = new Map<string, BrowserContext>();
const contextFor = (role: Role, viewport: Viewport) => contexts.get(`${role} ${viewport}`)!;

beforeAll(async () => {
  if (skip) return;
  routes = await builtRoutes();
  server = await startAppServer();
  browser = await launchBrowser();
  fixtures = await createEveryRouteFixtures(server.database!.db, server.baseUrl);
  for (const role of ROLES) {
    let storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
    if (role !== 'anonymous') {
      const signingIn = await browser.newContext();
      await signInWithPassword(await signingIn.newPage(), server.baseUrl, `${role}@${fixtures.org}.demo`);
      storageState = await signingIn.storageState();
      await signingIn.close();
    }
    for (const [viewport, size] of Object.entries(VIEWPORTS))
      contexts.set(`${role} ${viewport}`, await browser.newContext({ viewport: size, storageState }));
  }
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs the tasks, at most `limit` at a time, and returns their results in order. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The results as JSON, and the failures grouped by page in Markdown, for the people mending them. */
function recordResults(name: string, results: VisitResult[]): void {
  fs.writeFileSync(`${ARTIFACTS}/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(`${ARTIFACTS}/${name}-failures.md`, `${failuresByPage(results)}\n`);
}

describe.skipIf(skip)('every route of the app', () => {
  it('has a visit plan for every route of the route table, and none for a route that is gone', () => {
    const plan = visitPlan(fixtures);
    const needPlan = routes.filter((route) => !route.hasIndexChild).map((route) => route.id);
    const missing = needPlan.filter((id) => !(id in plan));
    const stale = Object.keys(plan).filter((id) => !routes.some((route) => route.id === id));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('answers every resource route with a 2xx of the right content type', async () => {
    const plan = visitPlan(fixtures);
    const resources = Object.entries(plan).filter(
      (entry): entry is [string, ResourceVisit] => entry[1].kind === 'resource',
    );
    const results = await inParallel(
      resources.map(([route, visit]) => async (): Promise<VisitResult> => {
        const request = contextFor(visit.role, 'desktop').request;
        const response = await request.fetch(`${server.baseUrl}${visit.path}`, {
          method: visit.method,
          headers: visit.method === 'POST' ? { origin: server.baseUrl } : {},
          data: visit.json,
        });
        const contentType = response.headers()['content-type'] ?? '';
        const problems: Problem[] = [];
        if (response.status() >= 500)
          problems.push({ kind: '5xx', rule: '5xx', detail: `${response.status()} ${visit.method} ${visit.path}` });
        else if (!response.ok())
          problems.push({
            kind: 'visit',
            rule: 'visit',
            detail: `answered ${response.status()}: ${(await response.text()).slice(0, 200)}`,
          });
        else if (!visit.contentType.test(contentType))
          problems.push({
            kind: 'visit',
            rule: 'visit',
            detail: `content type ${contentType}, expected ${visit.contentType}`,
          });
        return { route, role: visit.role, viewport: 'request', path: visit.path, status: response.status(), problems };
      }),
      CONCURRENT_VISITS,
    );
    recordResults('resources', results);
    const failing = results.filter((result) => result.problems.length > 0);
    expect(failing.length, failureList(results)).toBe(0);
  });

  it('answers a secret link that does not work, of every kind, with 404 and a page that passes the same checks', async () => {
    const links = Object.entries(notValidLinkPlan(fixtures)).filter(([, visit]) => wanted(visit.path));
    const tasks = links.flatMap(([route, visit]) =>
      ROLES.flatMap((role) =>
        (Object.keys(VIEWPORTS) as Viewport[]).map((viewport) => async (): Promise<VisitResult> => {
          const audit = await auditPage(contextFor(role, viewport), `${server.baseUrl}${visit.path}`, {
            screenshotPath: `${ARTIFACTS}/not-valid-${routeFileName(route)}-${role}-${viewport}.png`,
            shouldCheck: () => true,
          });
          const problems = [...audit.problems];
          if (audit.status !== LINK_NOT_VALID_STATUS)
            problems.push({
              kind: 'visit',
              rule: 'visit',
              detail: `answered ${audit.status}, not ${LINK_NOT_VALID_STATUS}`,
            });
          return {
            route,
            role,
            viewport,
            path: visit.path,
            status: audit.status,
            finalPath: audit.finalPath,
            problems,
          };
        }),
      ),
    );
    const results = await inParallel(tasks, CONCURRENT_VISITS);
    recordResults('not-valid-links', results);
    const failing = results.filter((result) => result.problems.length > 0);
    expect(failing.length, failureList(results)).toBe(0);
  }, 600_000);

  it('shows every page to every role, on a phone and a desktop, without sideways scroll, serious axe violations, console errors or 5xx', async () => {
    const started = performance.now();
    const plan = visitPlan(fixtures);
    const pages = Object.entries(plan).filter(
      (entry): entry is [string, PageVisit] => entry[1].kind === 'page' && wanted(entry[1].path),
    );
    // A visit that lands where another already did (a redirect to sign in) is checked there once.
    const landed = new Map<string, string>();
    const tasks = pages.flatMap(([route, visit]) =>
      ROLES.flatMap((role) =>
        (Object.keys(VIEWPORTS) as Viewport[]).map((viewport) => async (): Promise<VisitResult> => {
          const audit = await auditPage(contextFor(role, viewport), `${server.baseUrl}${visit.path}`, {
            screenshotPath: `${ARTIFACTS}/${routeFileName(route)}-${role}-${viewport}.png`,
            shouldCheck: (finalPath) => {
              const key = `${role} ${viewport} ${finalPath}`;
              if (finalPath !== new URL(visit.path, server.baseUrl).pathname && landed.has(key)) return false;
              landed.set(key, route);
              return true;
            },
          });
          return {
            route,
            role,
            viewport,
            path: visit.path,
            status: audit.status,
            finalPath: audit.finalPath,
            problems: audit.problems,
          };
        }),
      ),
    );
    const results = await inParallel(tasks, CONCURRENT_VISITS);
    recordResults('pages', results);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `every-route: ${results.length} page visits in ${seconds.toFixed(1)} s (${CONCURRENT_VISITS} at a time)`,
    );
    const failing = results.filter((result) => result.problems.length > 0);
    expect(failing.length, failureList(results)).toBe(0);
  }, 1_800_000);
});
