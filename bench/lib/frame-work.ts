import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * What each frame costs the page's main thread: the time its tasks ran (scripts, style, layout,
 * paint and the commit to the compositor) between one frame's start and the next, read from a
 * Chromium trace of `during`. This is the budget a frame has at 60 Hz (16.7 ms); the time between
 * animation frames also carries the machine's other threads and the frame clock's own jitter.
 */
export async function mainThreadWorkPerFrame(browser: Browser, page: Page, during: () => Promise<void>) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'frame-trace-')), 'trace.json');
  // Only the two categories it reads: the task events and the frame starts (a fuller trace slows the page).
  await browser.startTracing(page, { path: file, categories: ['disabled-by-default-devtools.timeline', 'benchmark'] });
  try {
    await during();
  } finally {
    await browser.stopTracing();
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return workPerFrame(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
}

/** Per frame interval on the busiest renderer main thread: the milliseconds its top-level tasks ran. */
export function workPerFrame(events: TraceEvent[]): number[] {
  const thread = (event: TraceEvent) => `${event.pid}:${event.tid}`;
  const frameStarts = new Map<string, number[]>();
  for (const event of events)
    if (event.name === 'ProxyMain::BeginMainFrame' && event.ph === 'X') {
      const starts = frameStarts.get(thread(event)) ?? [];
      starts.push(event.ts);
      frameStarts.set(thread(event), starts);
    }
  const [main, starts] = [...frameStarts].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  starts.sort((a, b) => a - b);
  const tasks = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && thread(event) === main && event.dur)
    .sort((a, b) => a.ts - b.ts);
  const work: number[] = [];
  let next = 0;
  for (let frame = 0; frame + 1 < starts.length; frame++) {
    const [from, to] = [starts[frame], starts[frame + 1]];
    let busy = 0;
    while (next < tasks.length && tasks[next].ts < from) next++;
    for (let i = next; i < tasks.length && tasks[i].ts < to; i++) busy += tasks[i].dur! / 1000;
    work.push(busy);
  }
  return work;
}
