/**
 * The season timeline in a real browser with 100 rooms and 5,000 draft sessions, each figure
 * beside a baseline measured in the same run:
 * - first render: from the window widening past the phone breakpoint (the board swaps its agenda
 *   for a newly mounted timeline) to the first bar on screen, beside the same for a season with the
 *   same rooms and no sessions (the week calendar, the previous view, does not draw 100 rooms × 7
 *   days within 30 s, so it cannot be the baseline);
 * - scroll frames: frame times while the timeline scrolls down and sideways, one step per frame,
 *   beside the same number of frames of the page left alone, and beside the same scroll of a plain
 *   scroller (static content of the same size with sticky edges: what scrolling costs the browser
 *   here before the timeline does anything);
 * - frame work: the main thread's busy time per frame during the scroll and the drag, from a
 *   Chromium trace of a second pass (the frame budget at 60 Hz is 16.7 ms);
 * - drag frames: frame times while a bar is dragged across rows and days with the mouse;
 * - long tasks (> 50 ms, from a PerformanceObserver) during the render, the scroll and the drag;
 * - elements: the most elements in the whole page, and bars and rows, at any time while scrolling.
 *
 *   npx tsx bench/timeline-render.ts [--frames 240] [--rounds 3] [--step-down 40] [--step-right 25]
 *
 * Needs PostgreSQL (as the other benches) and Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { ROOM_ROW_HEIGHT } from '../app/components/season-timeline/rows';
import { createApiKey } from '../db/operations/accounts/api-keys';
import { CHROMIUM, launchBrowser, signInWithPassword } from '../tests/support/browser';
import { findOrganizationBySlug } from '../db/operations/accounts/organizations';
import { Cleanup } from './lib/cleanup';
import { createBenchDatabase } from './lib/database';
import { printResult } from './lib/result';
import { mainThreadWorkPerFrame } from './lib/frame-work';
import { ensureRemixBuild, startServer } from './lib/server-process';
import { round, summarizeLatencies } from './lib/stats';

const BENCH = 'timeline-render';
const ZONE = 'America/New_York';
const RESOURCES = 100;
const SESSIONS = 5_000;
const SEASON = { name: 'Bench season', startsOn: '2030-03-04', endsOn: '2030-04-28' };

/** Pixels a frame: down (and back up), and to the right. */
interface ScrollStep {
  down: number;
  right: number;
}

interface ScrollFigures {
  frameMs: number[];
  longTaskMs: number[];
  maxBars: number;
  maxRows: number;
  maxElements: number;
}

async function seed(baseUrl: string, key: string): Promise<{ seasonId: string; emptySeasonId: string }> {
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
  const emptySeasonId: string = (await api('POST', '/seasons', { ...SEASON, name: 'Empty bench season' })).id;
  // Every room: a two-hour session each day at 10:00, 14:00 or 18:00 local, eight weeks long (50 a room).
  const firstMorning = DateTime.fromISO(`${SEASON.startsOn}T10:00`, { zone: ZONE });
  const sessions = Array.from({ length: SESSIONS }, (_, n) => {
    const index = Math.floor(n / RESOURCES);
    const start = firstMorning.plus({ days: index, hours: 4 * (index % 3) });
    return {
      workshopKey: 'open-studio',
      resourceId: resourceIds[n % RESOURCES],
      startsAt: start.toUTC().toISO(),
      endsAt: start.plus({ hours: 2 }).toUTC().toISO(),
    };
  });
  await api('POST', `/seasons/${seasonId}/draft/items`, {
    workshops: [{ key: 'open-studio', title: 'Open studio', capacity: 8 }],
  });
  for (let from = 0; from < sessions.length; from += 1_000)
    await api('POST', `/seasons/${seasonId}/draft/items`, { sessions: sessions.slice(from, from + 1_000) });
  return { seasonId, emptySeasonId };
}

/**
 * Milliseconds from the window widening past the phone breakpoint (the board swaps the agenda for a
 * freshly mounted timeline) to the first element matching `selector` in a frame. The mark is set by
 * a media-query listener added before the app's own, so it comes before React's render.
 */
async function timeRemount(page: Page, selector: string): Promise<{ ms: number; longTaskMs: number[] }> {
  await page.setViewportSize({ width: 375, height: 1000 });
  await page.locator('.season-agenda').waitFor();
  await page.waitForTimeout(300);
  const stop = await recordFrames(page);
  const shown = page.evaluate(
    (selector) =>
      new Promise<number>((resolve) => {
        const check = () => {
          if (document.querySelector(selector)) {
            const marks = performance.getEntriesByName('wide');
            resolve(performance.now() - marks[marks.length - 1].startTime);
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    selector,
  );
  await page.setViewportSize({ width: 1400, height: 1000 });
  const ms = await shown;
  await page.waitForTimeout(300);
  return { ms, longTaskMs: (await stop()).longTaskMs };
}

/** Scrolls down and right a step each frame; `count` also counts the page's elements each frame (left out of a traced pass, whose work is the page's own). */
function scrollDiagonally(page: Page, frames: number, step: ScrollStep, count = true): Promise<ScrollFigures> {
  return page.evaluate(
    async ({ frames, step, count }) => {
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
      let maxElements = 0;
      let last = performance.now();
      for (let i = 1; i <= frames; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        frameMs.push(now - last);
        last = now;
        // Down and back up (a triangle wave) while moving right: rows and bars both come and go.
        const down = (i * step.down) % (2 * maxTop);
        scroller.scrollTop = down <= maxTop ? down : 2 * maxTop - down;
        scroller.scrollLeft = i * step.right;
        if (!count) continue;
        maxBars = Math.max(maxBars, document.querySelectorAll('.timeline-bar').length);
        maxRows = Math.max(maxRows, document.querySelectorAll('.timeline-row').length);
        maxElements = Math.max(maxElements, document.getElementsByTagName('*').length);
      }
      // Long tasks are reported after they end: give the last one a frame to arrive.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      observer.disconnect();
      return { frameMs, longTaskMs, maxBars, maxRows, maxElements };
    },
    { frames, step, count },
  );
}

/** Frame times of the page left alone: what a frame costs here when nothing happens. */
function idleFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (frames) => {
    const frameMs: number[] = [];
    let last = performance.now();
    for (let i = 0; i < frames; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frameMs.push(now - last);
      last = now;
    }
    return frameMs;
  }, frames);
}

/**
 * A page with a plain scroller the size of the timeline's, static content as large as the timeline's
 * (a drawn grid, a sticky header row and a sticky first column): the same scroll on it is what
 * scrolling alone costs the browser on this machine.
 */
async function plainScroller(browser: Browser, timeline: Page): Promise<Page> {
  const size = await timeline.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid=timeline-scroller]')!;
    const box = scroller.getBoundingClientRect();
    return {
      width: box.width,
      height: box.height,
      scrollWidth: scroller.scrollWidth,
      scrollHeight: scroller.scrollHeight,
    };
  });
  const page = await browser.newPage({ viewport: timeline.viewportSize()! });
  await page.setContent(`
    <style>
      body { margin: 0; }
      section { width: ${size.width}px; height: ${size.height}px; overflow: auto; position: relative; }
      .canvas { width: ${size.scrollWidth}px; height: ${size.scrollHeight}px; position: relative;
        background: repeating-linear-gradient(to right, #e5e7eb 0 1px, transparent 1px 80px),
                    repeating-linear-gradient(to bottom, #e5e7eb 0 1px, #fff 1px ${ROOM_ROW_HEIGHT}px); }
      .top { position: sticky; top: 0; height: 48px; background: #fff; border-bottom: 1px solid #e5e7eb; z-index: 2; }
      .side { position: sticky; left: 0; width: 184px; height: ${size.scrollHeight - 48}px; background: #fff; z-index: 1; }
    </style>
    <section data-testid="timeline-scroller"><div class="canvas"><div class="top"></div><div class="side"></div></div></section>`);
  return page;
}

/** Starts recording frame times and long tasks in the page; the returned function stops and reads them. */
async function recordFrames(page: Page): Promise<() => Promise<{ frameMs: number[]; longTaskMs: number[] }>> {
  await page.evaluate(() => {
    const state = { frameMs: [] as number[], longTaskMs: [] as number[], running: true };
    (window as unknown as { benchFrames: typeof state }).benchFrames = state;
    new PerformanceObserver((list) => {
      if (state.running) state.longTaskMs.push(...list.getEntries().map((entry) => entry.duration));
    }).observe({ entryTypes: ['longtask'] });
    let last = performance.now();
    const tick = (now: number) => {
      if (!state.running) return;
      state.frameMs.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const state = (
        window as unknown as { benchFrames: { frameMs: number[]; longTaskMs: number[]; running: boolean } }
      ).benchFrames;
      state.running = false;
      return { frameMs: state.frameMs.slice(1), longTaskMs: state.longTaskMs };
    });
}

/** Drags a bar with the mouse across rooms and days, a step per frame, and drops it (Escape: no edit). */
async function dragFrames(page: Page, steps: number) {
  // The rows settle a frame or two after the scroll back to the top: the bar is found after that.
  await page.waitForTimeout(500);
  const box = (await page.locator('.timeline-bar.draft-session').nth(3).boundingBox())!;
  const stop = await recordFrames(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    // Out and back: right and down, then home, so the ghost crosses rows and days.
    const t = i <= steps / 2 ? i : steps - i;
    await page.mouse.move(box.x + box.width / 2 + t * 6, box.y + box.height / 2 + t * 3);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  await page.keyboard.press('Escape');
  await page.mouse.up();
  return stop();
}

async function main() {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string', default: '240' },
      rounds: { type: 'string', default: '3' },
      // A fast fling by default: a row and a column of bars come in every frame or two.
      'step-down': { type: 'string', default: '40' },
      'step-right': { type: 'string', default: '25' },
    },
  });
  const step = { down: Number(values['step-down']), right: Number(values['step-right']) };
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
    const { seasonId, emptySeasonId } = await seed(server.baseUrl, key);

    const browser = await launchBrowser();
    cleanup.add('close the browser', () => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // tsx keeps function names with a `__name` helper that the page does not have.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.addInitScript(() =>
      window
        .matchMedia('(max-width: 767.98px)')
        .addEventListener('change', (event) => !event.matches && performance.mark('wide')),
    );
    await signInWithPassword(page, server.baseUrl, 'admin@locust.demo');

    // Baseline: the same rooms with no sessions, the timeline mounted afresh the same way.
    await page.goto(`${server.baseUrl}/locust/admin/seasons/${emptySeasonId}`);
    await page.locator('.timeline-row').first().waitFor({ timeout: 60_000 });
    const emptyRenders: number[] = [];
    for (let i = 0; i < rounds; i++) emptyRenders.push((await timeRemount(page, '.timeline-row')).ms);
    await page.goto(`${server.baseUrl}/locust/admin/seasons/${seasonId}`);
    await page.locator('.timeline-bar').first().waitFor({ timeout: 60_000 });
    const timelineRenders: number[] = [];
    const renderTasks: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const remount = await timeRemount(page, '.timeline-bar');
      timelineRenders.push(remount.ms);
      renderTasks.push(...remount.longTaskMs);
    }
    const idle = summarizeLatencies(await idleFrames(page, frames));
    const plain = await plainScroller(browser, page);
    const plainScroll = await scrollDiagonally(plain, frames, step);
    await plain.close();
    const scroll = await scrollDiagonally(page, frames, step);
    const frameStats = summarizeLatencies(scroll.frameMs);
    const plainStats = summarizeLatencies(plainScroll.frameMs);
    const toTop = () =>
      page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=timeline-scroller]')!.scrollTo(0, 0));
    await toTop();
    const scrollWork = await mainThreadWorkPerFrame(browser, page, async () => {
      await scrollDiagonally(page, frames, step, false);
    });
    await toTop();
    const drag = await dragFrames(page, 120);
    const dragStats = summarizeLatencies(drag.frameMs);
    const dragWork = await mainThreadWorkPerFrame(browser, page, async () => {
      await dragFrames(page, 120);
    });
    const [scrollWorkStats, dragWorkStats] = [summarizeLatencies(scrollWork), summarizeLatencies(dragWork)];
    const firstRender = timelineRenders[0];
    const figures = {
      bench: BENCH,
      resources: RESOURCES,
      sessions: SESSIONS,
      first_render_ms: round(firstRender),
      baseline_empty_season_render_ms: round(emptyRenders[0]),
      first_render_ratio_to_empty_season: round(firstRender / emptyRenders[0], 2),
      render_ms_p50: round(summarizeLatencies(timelineRenders).p50),
      render_long_task_ms_max: round(Math.max(0, ...renderTasks)),
      scroll_frames: frames,
      scroll_px_per_frame: `${step.down} down, ${step.right} right`,
      scroll_frame_ms_p50: round(frameStats.p50),
      scroll_frame_ms_p95: round(frameStats.p95),
      scroll_frame_ms_max: round(frameStats.max),
      baseline_idle_frame_ms_p50: round(idle.p50),
      baseline_idle_frame_ms_p95: round(idle.p95),
      scroll_p95_ratio_to_idle: round(frameStats.p95 / idle.p95, 2),
      baseline_plain_scroller_frame_ms_p95: round(plainStats.p95),
      scroll_p95_ratio_to_plain_scroller: round(frameStats.p95 / plainStats.p95, 2),
      scroll_work_ms_per_frame_p50: round(scrollWorkStats.p50),
      scroll_work_ms_per_frame_p95: round(scrollWorkStats.p95),
      scroll_work_ms_per_frame_max: round(scrollWorkStats.max),
      scroll_long_tasks: scroll.longTaskMs.length,
      scroll_long_task_ms_max: round(Math.max(0, ...scroll.longTaskMs)),
      drag_frames: drag.frameMs.length,
      drag_frame_ms_p50: round(dragStats.p50),
      drag_frame_ms_p95: round(dragStats.p95),
      drag_frame_ms_max: round(dragStats.max),
      drag_p95_ratio_to_idle: round(dragStats.p95 / idle.p95, 2),
      drag_work_ms_per_frame_p50: round(dragWorkStats.p50),
      drag_work_ms_per_frame_p95: round(dragWorkStats.p95),
      drag_work_ms_per_frame_max: round(dragWorkStats.max),
      drag_long_tasks: drag.longTaskMs.length,
      drag_long_task_ms_max: round(Math.max(0, ...drag.longTaskMs)),
      max_elements_in_page: scroll.maxElements,
      max_bar_elements: scroll.maxBars,
      max_row_elements: scroll.maxRows,
    };
    for (const [name, value] of Object.entries(figures))
      if (name !== 'bench') console.log(`${name.padEnd(36)} ${value}`);
    printResult(figures);
  } finally {
    await cleanup.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
