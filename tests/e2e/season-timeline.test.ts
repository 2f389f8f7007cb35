import fs from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_ROW_HEIGHT as ROW_HEIGHT } from '../../app/components/season-timeline/rows';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, needsChromium, signInWithPassword } from '../support/browser';

const ARTIFACTS = 'test-results';
const ZONE = 'America/New_York'; // the demo organizations' zone
// Monday 2030-03-04; the clocks spring forward on Sunday 2030-03-10.
const SEASON = { name: 'Big Spring 2030', startsOn: '2030-03-04', endsOn: '2030-04-28' };
const STUDIOS = 60;
const SESSIONS = 1_000;

let server: AppServer;
let browser: Browser;
let page: Page;
let apiKey: string;
let seasonId: string;
const skip = needsChromium('tests/e2e/season-timeline.test.ts');

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}/api/v1/orgs/locust${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Every studio gets a 18:00–20:00 (local) session every third day, for eight weeks: 1,000 in all. */
function seasonSessions(studioIds: string[]) {
  const firstEvening = DateTime.fromISO(`${SEASON.startsOn}T18:00`, { zone: ZONE });
  return Array.from({ length: SESSIONS }, (_, n) => {
    const start = firstEvening.plus({ days: Math.floor(n / STUDIOS) * 3 });
    return {
      workshopKey: 'open-studio',
      resourceId: studioIds[n % STUDIOS],
      startsAt: start.toUTC().toISO()!,
      endsAt: start.plus({ hours: 2 }).toUTC().toISO()!,
    };
  });
}

const scroller = () => page.getByRole('region', { name: 'Season timeline' });
const renderedBarIds = () =>
  scroller()
    .locator('[data-item-id]')
    .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-item-id')!));
const renderedRowTitles = () => page.locator('.timeline-room-name').allTextContents();
/** A room's row: a group named after the room, of its bars (buttons named after the item, its time and the room). */
const roomRow = (title: string) => scroller().getByRole('group', { name: title, exact: true });
/** The day width of the zoom shown: the timeline draws every day this wide (studios are open all day here). */
const dayWidth = () =>
  page
    .locator('.season-timeline')
    .evaluate((element) => parseFloat((element as HTMLElement).style.getPropertyValue('--day-width')));
const scrollTo = (left: number, top: number) =>
  scroller().evaluate((element, to) => element.scrollTo(to.left, to.top), { left, top });

async function drag(bar: Locator, dx: number, dy: number, whileDragging?: () => Promise<void>) {
  const box = (await bar.boundingBox())!;
  const x = box.x + Math.min(10, box.width / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await whileDragging?.();
  await page.mouse.up();
}

async function draftSession(id: string): Promise<{ resourceId: string; startsAt: string; endsAt: string }> {
  const draft = await api('GET', `/seasons/${seasonId}/draft`);
  return draft.sessions[id];
}

beforeAll(async () => {
  if (skip) return;
  server = await startAppServer();
  apiKey = server.process.output().match(new RegExp(`${server.baseUrl}/locust\\s+(i24_\\S+)`))![1];
  const studioIds: string[] = [];
  for (let i = 1; i <= STUDIOS; i++) {
    // Studio 60 opens Monday daytime only: its evening sessions are warnings (yellow).
    const hours = i === STUDIOS ? { weekly: { mon: [{ start: '09:00', end: '17:00' }] } } : {};
    const studio = await api('POST', '/resources', {
      title: `Studio ${String(i).padStart(2, '0')}`,
      type: 'space',
      capacity: 12,
      requiresApproval: false,
      availabilityRules: hours,
    });
    studioIds.push(studio.id);
  }
  // A booking made elsewhere that overlaps Studio 05's first session (Monday 17:00–18:30 EST).
  await api('POST', '/bookings', {
    resourceId: studioIds[4],
    title: 'Private rental',
    startsAt: '2030-03-04T22:00:00Z',
    endsAt: '2030-03-04T23:30:00Z',
  });
  seasonId = (await api('POST', '/seasons', SEASON)).id;
  await api('POST', `/seasons/${seasonId}/draft/items`, {
    workshops: [{ key: 'open-studio', title: 'Open studio', capacity: 8 }],
    sessions: seasonSessions(studioIds),
  });

  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInWithPassword(page, server.baseUrl, 'admin@locust.demo');
  await page.goto(`${server.baseUrl}/locust/admin/seasons/${seasonId}`);
  await scroller().waitFor();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skip)('the season timeline with 60 studios and 1,000 sessions', () => {
  it('opens on the first week of the season and renders only the rows and bars on screen', async () => {
    await expect
      .poll(() => page.locator('.timeline-bar.draft-session').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { pressed: true }).textContent()).toBe(
      'Week',
    );
    expect(await page.locator('.timeline-range').textContent()).toBe('Mar 4 – 10, 2030');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/season-timeline.png` });

    const bars = await renderedBarIds();
    const rows = await renderedRowTitles();
    // Of 64 rows (the studios and the demo rooms) and 1,000 sessions, only those near the first week.
    expect(bars.length).toBeGreaterThan(10);
    expect(bars.length).toBeLessThan(150);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
  });

  it('colours trouble like the board: red with the reason for a clash with a booking, grey for the booking, which does not move', async () => {
    const row = roomRow('Studio 05');
    const booking = row.locator('.timeline-bar.draft-booking');
    await expect.poll(() => booking.getAttribute('title'), { timeout: 15_000 }).toContain('Private rental (booked)');
    const clash = row.locator('.timeline-bar.draft-session.problem-hard');
    expect(await clash.getAttribute('title')).toContain('overlaps the booking "Private rental" in Studio 05');
    const left = await booking.evaluate((bar) => (bar as HTMLElement).style.left);
    await drag(booking, 60, 0, async () => expect(await page.locator('.timeline-ghost').count()).toBe(0));
    expect(await booking.evaluate((bar) => (bar as HTMLElement).style.left)).toBe(left);
  });

  it('draws every 18:00 session at 18:00 of its day, before and after the clocks change', async () => {
    const width = await dayWidth();
    await scrollTo(4 * width, 0); // Friday onwards: the DST Sunday and the Wednesday after it in view
    const sessionLefts = () =>
      page
        .locator('.timeline-bar.draft-session')
        .evaluateAll((bars) => bars.map((bar) => parseFloat((bar as HTMLElement).style.left)));
    // Sunday 10 March, the 23-hour day, and Wednesday 13 come into view.
    await expect
      .poll(async () => (await sessionLefts()).map((left) => Math.floor(left / width)))
      .toEqual(expect.arrayContaining([3, 6, 9]));
    const lefts = await sessionLefts();
    // Sessions are every third day (Monday 4 is day 0): nothing on any other day.
    expect(lefts.every((left) => Math.floor(left / width) % 3 === 0)).toBe(true);
    for (const left of lefts) expect(left % width).toBeCloseTo((18 / 24) * width, 6);
  });

  it('shows other rows and bars as it scrolls, and drops those that leave the screen', async () => {
    await scrollTo(0, 0);
    await expect.poll(renderedRowTitles).toContain('Studio 01');
    const firstRows = await renderedRowTitles();
    const firstBars = await renderedBarIds();

    await scrollTo(0, 100_000);
    await expect.poll(renderedRowTitles).not.toContain('Studio 01');
    const lastRows = await renderedRowTitles();
    const outsideHours = roomRow('Studio 60').locator('.timeline-bar.problem-soft');
    await expect.poll(() => outsideHours.count()).toBeGreaterThan(0);
    expect(await outsideHours.first().getAttribute('title')).toContain('outside opening hours 9:00 AM – 5:00 PM');
    expect(lastRows.some((title) => !firstRows.includes(title))).toBe(true);
    expect(lastRows.length).toBeLessThan(40);

    await scrollTo(7 * (await dayWidth()), 0);
    await expect
      .poll(async () => (await renderedBarIds()).filter((id) => !firstBars.includes(id)).length)
      .toBeGreaterThan(10);
    expect((await renderedBarIds()).length).toBeLessThan(150);
    await scrollTo(0, 0);
  });

  it('selects a bar with a click', async () => {
    const bar = roomRow('Studio 03').getByRole('button', { name: /^Open studio, Mon, Mar 4/ });
    await bar.click();
    await expect.poll(() => bar.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('.selected-item').textContent()).toContain('Open studio');
  });

  it('drags a bar to another row and an earlier hour, into the shared draft; onto a busy slot it turns red', async () => {
    const fromRow = roomRow('Studio 01');
    const toRow = roomRow('Studio 02');
    const targetResourceId = (await toRow.getAttribute('data-room-id'))!;
    const bar = fromRow.getByRole('button', { name: /^Open studio, Mon, Mar 4/ });
    const sessionId = (await bar.getAttribute('data-item-id'))!;
    const hour = (await dayWidth()) / 24;
    expect(new Date((await draftSession(sessionId)).startsAt).toISOString()).toBe('2030-03-04T23:00:00.000Z');

    // Four hours earlier and one row down: Monday 14:00–16:00 EST in Studio 02.
    await drag(bar, -4 * hour, ROW_HEIGHT, async () => {
      await expect
        .poll(() => page.locator('.timeline-ghost').textContent())
        .toContain('Studio 02, Mon, Mar 4, 2:00 – 4:00 PM');
    });
    await expect
      .poll(
        async () => {
          const session = await draftSession(sessionId);
          return [session.resourceId, new Date(session.startsAt).toISOString(), new Date(session.endsAt).toISOString()];
        },
        { timeout: 15_000 },
      )
      .toEqual([targetResourceId, '2030-03-04T19:00:00.000Z', '2030-03-04T21:00:00.000Z']);
    const moved = toRow.locator(`[data-item-id="${sessionId}"]`);
    await expect.poll(() => moved.count()).toBe(1);

    // Back to 18:00: now it sits on Studio 02's own session, and both are marked red with the reason.
    await drag(moved, 4 * hour, 0);
    await expect.poll(() => toRow.locator('.timeline-bar.problem-hard').count(), { timeout: 15_000 }).toBe(2);
    expect(await moved.getAttribute('title')).toContain('overlaps');
    expect(new Date((await draftSession(sessionId)).startsAt).toISOString()).toBe('2030-03-04T23:00:00.000Z');
    await page.screenshot({ path: `${ARTIFACTS}/season-timeline-conflict.png` });
  });

  it('scrolls while a bar is held at the bottom edge, and drops it on a row that was off screen', async () => {
    await scrollTo(0, 0);
    const bar = roomRow('Studio 04').getByRole('button', { name: /^Open studio, Mon, Mar 4/ });
    const sessionId = (await bar.getAttribute('data-item-id'))!;
    const box = (await bar.boundingBox())!;
    const edge = (await scroller().boundingBox())!;
    const x = box.x + box.width / 2;
    await page.mouse.move(x, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(x, edge.y + edge.height - 8, { steps: 6 });
    const ghost = page.locator('.timeline-ghost');
    await expect.poll(() => ghost.textContent(), { timeout: 15_000 }).toMatch(/Studio (3\d|4\d|5\d|60)\b/);
    await page.mouse.move(x, edge.y + edge.height - 120, { steps: 2 }); // out of the edge: scrolling stops
    const target = (await ghost.textContent())!.match(/→ (Studio \d\d),/)![1];
    await page.mouse.up();
    const targetId = await roomRow(target).getAttribute('data-room-id');
    await expect.poll(async () => (await draftSession(sessionId)).resourceId, { timeout: 15_000 }).toBe(targetId);
    expect(new Date((await draftSession(sessionId)).startsAt).toISOString()).toBe('2030-03-04T23:00:00.000Z');
  });

  it('resizes a bar by dragging its end or its start, in 15-minute steps, into the shared draft', async () => {
    // A day across the screen: the bar is wide enough for its edges.
    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Day' }).click();
    await scrollTo(0, 0);
    const bar = roomRow('Studio 06').getByRole('button', { name: /^Open studio, Mon, Mar 4/ });
    const sessionId = (await bar.getAttribute('data-item-id'))!;
    const hour = (await dayWidth()) / 24;
    const dragEdge = async (edge: 'start' | 'end', dx: number) => {
      // The handles are 6 px across each end: the start's middle 3 px into the bar, the end's 1 px
      // inside its right edge.
      const box = (await bar.boundingBox())!;
      const x = edge === 'start' ? box.x + 3 : box.x + box.width - 1;
      const y = box.y + box.height / 2;
      await page.mouse.move(x - 10 * (edge === 'start' ? -1 : 1), y);
      await page.mouse.move(x, y);
      // The handle under the pointer is tinted, and its cursor says it resizes.
      await expect.poll(() => bar.getAttribute('data-edge')).toBe(edge);
      expect(
        await bar.evaluate(
          (element, pseudo) => getComputedStyle(element, pseudo).cursor,
          edge === 'start' ? '::before' : '::after',
        ),
      ).toBe('ew-resize');
      await page.mouse.down();
      await page.mouse.move(x + dx / 2, y, { steps: 3 });
      await page.mouse.move(x + dx, y, { steps: 3 });
      await expect.poll(() => page.locator('.timeline-ghost').textContent()).toContain('Open studio: Mon, Mar 4');
      await page.mouse.up();
    };
    const times = async () => {
      const session = await draftSession(sessionId);
      return [session.resourceId, new Date(session.startsAt).toISOString(), new Date(session.endsAt).toISOString()];
    };
    const [resourceId] = await times();
    // The end an hour later (18:00–21:00 EST), then the start an hour earlier (17:00–21:00).
    await dragEdge('end', hour);
    await expect
      .poll(times, { timeout: 15_000 })
      .toEqual([resourceId, '2030-03-04T23:00:00.000Z', '2030-03-05T02:00:00.000Z']);
    await dragEdge('start', -hour);
    await expect
      .poll(times, { timeout: 15_000 })
      .toEqual([resourceId, '2030-03-04T22:00:00.000Z', '2030-03-05T02:00:00.000Z']);
  });

  it('nudges the selected bar by 15 minutes with the arrow keys', async () => {
    const bar = roomRow('Studio 07').getByRole('button', { name: /^Open studio, Mon, Mar 4/ });
    const sessionId = (await bar.getAttribute('data-item-id'))!;
    await bar.click();
    await expect.poll(() => bar.getAttribute('aria-pressed')).toBe('true');
    await bar.press('ArrowRight');
    await expect
      .poll(async () => new Date((await draftSession(sessionId)).startsAt).toISOString(), { timeout: 15_000 })
      .toBe('2030-03-04T23:15:00.000Z');
    expect(new Date((await draftSession(sessionId)).endsAt).toISOString()).toBe('2030-03-05T01:15:00.000Z');
  });

  it('copies a bar dragged with Alt held: the copy lands where it is dropped, the original stays', async () => {
    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Week' }).click();
    await scrollTo(0, 0);
    const bar = roomRow('Studio 09').getByRole('button', { name: /^Open studio, Mon, Mar 4/ });
    await bar.scrollIntoViewIfNeeded();
    const sessionId = (await bar.getAttribute('data-item-id'))!;
    const original = await draftSession(sessionId);
    const studio08 = (await roomRow('Studio 08').getAttribute('data-room-id'))!;
    const sessionsInStudio08 = async () => {
      const draft = await api('GET', `/seasons/${seasonId}/draft`);
      return (Object.values(draft.sessions) as { resourceId: string; startsAt: string; endsAt: string }[])
        .filter((session) => session.resourceId === studio08)
        .map((session) => [new Date(session.startsAt).toISOString(), new Date(session.endsAt).toISOString()])
        .sort();
    };
    const before = await sessionsInStudio08();

    // A day later and one row up, Alt held from the press to the drop: Tuesday 18:00–20:00 EST in Studio 08.
    await page.keyboard.down('Alt');
    await drag(bar, await dayWidth(), -ROW_HEIGHT, async () => {
      await expect
        .poll(() => page.locator('.timeline-ghost').textContent())
        .toContain('Copy of Open studio → Studio 08, Tue, Mar 5, 6:00 – 8:00 PM');
    });
    await page.keyboard.up('Alt');

    await expect
      .poll(sessionsInStudio08, { timeout: 15_000 })
      .toEqual([...before, ['2030-03-05T23:00:00.000Z', '2030-03-06T01:00:00.000Z']].sort());
    expect(await draftSession(sessionId)).toEqual(original);
    await expect
      .poll(() =>
        roomRow('Studio 08')
          .getByRole('button', { name: /^Open studio, Tue, Mar 5/ })
          .count(),
      )
      .toBe(1);
    expect(
      await roomRow('Studio 09')
        .getByRole('button', { name: /^Open studio, Mon, Mar 4/ })
        .count(),
    ).toBe(1);
  });
});
