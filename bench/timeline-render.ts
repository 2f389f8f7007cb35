/**
 * The season timeline in a real browser with 60 resources and 1,000 draft sessions: how long from
 * clicking "Timeline" to the first bar on screen, and how long frames take while the timeline is
 * scrolled down and sideways (one step per animation frame), with the most bar and row elements
 * that were in the page at any time. Measured in the page with performance marks and
 * requestAnimationFrame; long tasks (> 50 ms) come from a PerformanceObserver.
 *
 *   npx tsx bench/timeline-render.ts [--frames 240] [--rounds 5]
 *
 * Needs PostgreSQL (as the other benches) and Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { createApiKey } from '../db/operations/accounts/api-keys';
import { CHROMIUM, launchBrowser, signInWithPassword } from '../tests/support/browser';
import { findOrganizationBySlug } from '../db/operations/accounts/organizations';
import { Cleanup } from './lib/cleanup';
import { createBenchDatabase } from './lib/database';
import { printResult } from './lib/result';
import { ensureRemixBuild, startServer } from './lib/server-process';
import { round, summarizeLatencies } from './lib/stats';

const BENCH = 'timeline-render';
const ZONE = 'America/New_York';
const RESOURCES = 60;
const SESSIONS = 1_000;
const SEASON = { name: 'Bench season', startsOn: '2030-03-04', endsOn: '2030-04-28' };

interface ScrollFigures {
  frameMs: number[];
  longTaskMs: number[];
  maxBars: number;
  maxRows: number;
}

async function seed(baseUrl: string, key: string): Promise<string> {
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/api/v1/orgs/locust${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  const resourceIds: string[] = [];
  for (let i = 1; i <= RESOURCES; i++)
    resourceIds.push(
      (await api('POST', '/resources', { title: `Room ${String(i).padStart(2, '0')}`, type: 'space', capacity: 12 }))
        .id,
    );
  const seasonId: string = (await api('POST', '/seasons', SEASON)).id;
  // Every room: a two-hour session every third day at 18:00 local, eight weeks long.
  const firstEvening = DateTime.fromISO(`${SEASON.startsOn}T18:00`, { zone: ZONE });
  const sessions = Array.from({ length: SESSIONS }, (_, n) => {
    const start = firstEvening.plus({ days: Math.floor(n / RESOURCES) * 3 });
    return {
      workshopKey: 'open-studio',
      resourceId: resourceIds[n % RESOURCES],
      startsAt: start.toUTC().toISO(),
      endsAt: start.plus({ hours: 2 }).toUTC().toISO(),
    };
  });
  await api('POST', `/seasons/${seasonId}/draft/items`, {
    workshops: [{ key: 'open-studio', title: 'Open studio', capacity: 8 }],
    sessions,
  });
  return seasonId;
}

/** Clicks a toolbar button and waits, frame by frame, until `selector` is in the page: milliseconds between. */
function timeViewSwitch(page: Page, button: string, selector: string): Promise<number> {
  return page.evaluate(
    async ({ button, selector }) => {
      const target = [...document.querySelectorAll<HTMLButtonElement>('.rbc-toolbar button')].find(
        (b) => b.textContent === button,
      )!;
      performance.mark(`${button}-click`);
      target.click();
      await new Promise<void>((resolve) => {
        const check = () => (document.querySelector(selector) ? resolve() : requestAnimationFrame(check));
        check();
      });
      performance.mark(`${button}-shown`);
      return performance.measure(`${button}-render`, `${button}-click`, `${button}-shown`).duration;
    },
    { button, selector },
  );
}

function scrollDiagonally(page: Page, frames: number): Promise<ScrollFigures> {
  return page.evaluate(async (frames) => {
    const scroller = document.querySelector<HTMLElement>('[data-testid=timeline-scroller]')!;
    const longTaskMs: number[] = [];
    const observer = new PerformanceObserver((list) =>
      longTaskMs.push(...list.getEntries().map((entry) => entry.duration)),
    );
    observer.observe({ entryTypes: ['longtask'] });
    const maxTop = scroller.scrollHeight - scroller.clientHeight;
    const frameMs: number[] = [];
    let maxBars = 0;
    let maxRows = 0;
    let last = performance.now();
    for (let i = 1; i <= frames; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frameMs.push(now - last);
      last = now;
      // Down and back up (a triangle wave) while moving right: rows and bars both come and go.
      const down = (i * 40) % (2 * maxTop);
      scroller.scrollTop = down <= maxTop ? down : 2 * maxTop - down;
      scroller.scrollLeft = i * 25;
      maxBars = Math.max(maxBars, document.querySelectorAll('.timeline-bar').length);
      maxRows = Math.max(maxRows, document.querySelectorAll('.timeline-row').length);
    }
    // Long tasks are reported after they end: give the last one a frame to arrive.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    observer.disconnect();
    return { frameMs, longTaskMs, maxBars, maxRows };
  }, frames);
}

async function main() {
  const { values } = parseArgs({
    options: { frames: { type: 'string', default: '240' }, rounds: { type: 'string', default: '5' } },
  });
  const frames = Number(values.frames);
  const rounds = Number(values.rounds);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  await ensureRemixBuild();
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    const database = await createBenchDatabase();
    cleanup.add('drop the bench database', () => database.drop());
    const server = await startServer({ databaseUrl: database.url, processes: 'all', env: { DEMO: '1' } });
    cleanup.add('stop the server', () => server.stop());
    const org = (await findOrganizationBySlug(database.handle.db, 'locust'))!;
    const { key } = await createApiKey(database.handle.db, { orgId: org.id, role: 'admin', name: 'bench' });
    const seasonId = await seed(server.baseUrl, key);

    const browser = await launchBrowser();
    cleanup.add('close the browser', () => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // tsx keeps function names with a `__name` helper that the page does not have.
    await page.addInitScript('window.__name = (fn) => fn');
    await signInWithPassword(page, server.baseUrl, 'admin@locust.demo');
    await page.goto(`${server.baseUrl}/locust/admin/seasons/${seasonId}`);
    // The draft has arrived when the week view shows its sessions.
    await page.locator('.rbc-event').first().waitFor({ timeout: 60_000 });

    const switches: number[] = [];
    for (let i = 0; i < rounds; i++) {
      switches.push(await timeViewSwitch(page, 'Timeline', '.timeline-bar'));
      if (i < rounds - 1) await timeViewSwitch(page, 'Week', '.rbc-time-view');
    }
    const scroll = await scrollDiagonally(page, frames);
    const frameStats = summarizeLatencies(scroll.frameMs);
    printResult({
      bench: BENCH,
      resources: RESOURCES,
      sessions: SESSIONS,
      first_render_ms: round(switches[0]),
      render_ms_p50: round(summarizeLatencies(switches).p50),
      scroll_frames: frames,
      frame_ms_p50: round(frameStats.p50),
      frame_ms_p90: round(frameStats.p90),
      frame_ms_max: round(frameStats.max),
      frames_over_33ms: scroll.frameMs.filter((ms) => ms > 33.4).length,
      long_tasks: scroll.longTaskMs.length,
      long_task_ms_max: round(Math.max(0, ...scroll.longTaskMs)),
      max_bar_elements: scroll.maxBars,
      max_row_elements: scroll.maxRows,
    });
  } finally {
    await cleanup.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
