/**
 * Co-editing fan-out: N editors on one season draft, each making E edits a second for D seconds,
 * through the real collab process (`server.ts collab`, in a child process) on PostgreSQL. For every
 * edit it measures the time from the edit until EVERY other editor has applied it, and reports
 * p50/p95/p99, edits/s and the collab process's memory.
 *
 *   npx tsx bench/collab-fanout.ts [--editors 20] [--rate 10] [--seconds 30]
 *   BENCH_EDITORS=5 BENCH_SECONDS=5 npm run bench -- collab      (a quick run)
 *
 * Each editor owns one session of the draft and rewrites its note, as someone dragging or retyping it
 * would: the note carries the edit's id (editor:sequence); every editor runs in this process, so the
 * send time and each arrival are read from the same clock (performance.now()). Exits 1 when an edit
 * never reached every editor. The target is p95 < 20 ms on loopback.
 *
 * Because every editor is in this process, the figure includes the bench's own cost: 49 Yjs
 * documents here decode and apply every edit in one event loop. So it is printed apart: the collab
 * process's own part (each edit from coming off its socket to its broadcast written to every socket,
 * timed inside it: collab-server/fanout-timing.ts, read through bench/lib/fanout-probe.ts), and for
 * both processes the CPU time per edit and the event-loop delay while the edits flow (ADR 036).
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { SYSTEM_ACTOR } from '../core/actor';
import { draftMaps } from '../core/draft/model';
import { SESSION_COOKIE } from '../db/operations/accounts/session-cookie';
import { createOrganization } from '../db/operations/accounts/organizations';
import { createResource } from '../db/operations/bookings/resources';
import { createSeason } from '../db/operations/seasons/seasons';
import { createSession } from '../db/operations/accounts/auth-sessions';
import { ensureUserWithRole } from '../db/operations/accounts/users';
import { connectDraft, type DraftClient } from '../tests/support/collab-client';
import { Cleanup } from './lib/cleanup';
import { startCollabProcess, type ServerMemory } from './lib/collab-process';
import { histogramSummary } from './lib/histogram';
import { createBenchDatabase } from './lib/database';
import { printResult } from './lib/result';
import { percentile, round } from './lib/stats';
import { runBench } from './lib/run';
import { seasonDocumentName } from '../core/draft/document-name';

const BENCH = 'collab-fanout';
const TARGET_P95_MS = 20;
/** How long edits still in flight when the run ends may take to arrive before they count as lost. */
const DRAIN_MS = 10_000;
const MB = 1024 * 1024;

function positiveNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${raw}"`);
  return value;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      editors: { type: 'string', default: process.env.BENCH_EDITORS || '20' },
      rate: { type: 'string', default: process.env.BENCH_EDITS_PER_SECOND || '10' },
      seconds: { type: 'string', default: process.env.BENCH_SECONDS || '30' },
    },
  });
  const editors = positiveNumber('editors', values.editors);
  if (!Number.isInteger(editors) || editors < 2) throw new Error('--editors must be a whole number of at least 2');
  return { editors, rate: positiveNumber('rate', values.rate), seconds: positiveNumber('seconds', values.seconds) };
}

/** The Cookie header a browser sends after signing in (Remix's cookie: base64 of the JSON token). */
function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString('base64'))}`;
}

const sessionIdOf = (editor: number) => `fanout-${editor}`;

/** Pending edits by id: when sent, and the arrival time at each other editor. */
class FanoutLedger {
  private readonly pending = new Map<string, { sentAt: number; missing: number; lastArrival: number }>();
  readonly latenciesMs: number[] = [];

  constructor(private readonly receivers: number) {}

  sent(id: string, at: number): void {
    this.pending.set(id, { sentAt: at, missing: this.receivers, lastArrival: at });
  }

  arrived(id: string, at: number): void {
    const edit = this.pending.get(id);
    if (!edit) return;
    edit.missing -= 1;
    edit.lastArrival = Math.max(edit.lastArrival, at);
    if (edit.missing === 0) {
      this.latenciesMs.push(edit.lastArrival - edit.sentAt);
      this.pending.delete(id);
    }
  }

  get outstanding(): number {
    return this.pending.size;
  }
}

/**
 * Records, on one editor, the arrival of every other editor's note. Yjs applies one editor's updates
 * in order, so seeing sequence n also means n-1, n-2… have been applied (and were overwritten).
 */
function observeArrivals(client: DraftClient, self: number, ledger: FanoutLedger): void {
  const lastSeen = new Map<number, number>();
  draftMaps(client.doc).sessions.observeDeep((events, transaction) => {
    if (transaction.local) return;
    const at = performance.now();
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent) || !event.keysChanged.has('note')) continue;
      const note = (event.target as Y.Map<unknown>).get('note');
      const match = typeof note === 'string' ? /^(\d+):(\d+)$/.exec(note) : null;
      if (!match) continue;
      const [editor, sequence] = [Number(match[1]), Number(match[2])];
      if (editor === self) continue;
      for (let s = (lastSeen.get(editor) ?? -1) + 1; s <= sequence; s++) ledger.arrived(`${editor}:${s}`, at);
      lastSeen.set(editor, Math.max(lastSeen.get(editor) ?? -1, sequence));
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const megabytes = (memory: ServerMemory) => ({
  rssMb: round(memory.rss / MB),
  heapUsedMb: round(memory.heapUsed / MB),
  heapTotalMb: round(memory.heapTotal / MB),
  ...(memory.peakRss ? { peakRssMb: round(memory.peakRss / MB) } : {}),
});

async function main(): Promise<number> {
  const options = parseOptions();
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    const database = await createBenchDatabase();
    cleanup.add('drop the bench database', () => database.drop());
    const db = database.handle.db;
    const org = await createOrganization(db, { slug: 'bench', name: 'Bench', timeZone: 'America/New_York' });
    const room = await createResource(db, {
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      input: {
        title: 'Studio',
        type: 'space',
        capacity: 20,
        isBookable: true,
        requiresApproval: false,
        availabilityRules: {},
        metadata: {},
      },
    });
    const season = await createSeason(db, {
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      season: { name: 'Fan-out', startsOn: '2030-01-01', endsOn: '2030-12-31' },
    });
    const cookies: string[] = [];
    for (let i = 0; i < options.editors; i++) {
      const user = await ensureUserWithRole(db, {
        orgId: org.id,
        email: `editor${i}@bench.test`,
        name: `Editor ${i}`,
        role: 'staff',
      });
      cookies.push(sessionCookie((await createSession(db, user.id)).token));
    }

    const server = await startCollabProcess({ databaseUrl: database.url });
    cleanup.add('stop the collab process', () => server.stop());
    const idle = await server.memory();

    const url = `ws://127.0.0.1:${server.port}/collab`;
    const name = seasonDocumentName(org.id, season.id);
    const clients = cookies.map((cookie) => connectDraft({ url, name, cookie }));
    cleanup.add('close the editors', () => {
      for (const client of clients) client.close();
    });
    await Promise.all(clients.map((client) => client.ready));
    clients.forEach((client, i) => {
      client.provider.setAwarenessField('user', { name: `Editor ${i}`, color: '#0b6e6e' });
    });

    // Every editor's session exists everywhere before the clock starts.
    clients.forEach((client, i) => {
      draftMaps(client.doc).sessions.set(
        sessionIdOf(i),
        new Y.Map<unknown>(
          Object.entries({
            id: sessionIdOf(i),
            workshopKey: 'open-studio',
            resourceId: room.id,
            startsAt: '2030-03-04T15:00:00Z',
            endsAt: '2030-03-04T17:00:00Z',
            note: '',
          }),
        ),
      );
    });
    await waitFor(
      () => clients.every((client) => draftMaps(client.doc).sessions.size === options.editors),
      30_000,
      'every editor to see every session',
    );

    const ledger = new FanoutLedger(options.editors - 1);
    clients.forEach((client, i) => {
      observeArrivals(client, i, ledger);
    });
    const intervalMs = 1000 / options.rate;
    const editsPerEditor = Math.round(options.rate * options.seconds);
    let sent = 0;
    const memorySamples: ServerMemory[] = [];
    const sampler = setInterval(
      () =>
        void server.memory().then(
          (m) => memorySamples.push(m),
          () => undefined,
        ),
      1_000,
    );

    console.error(
      `${options.editors} editors × ${options.rate} edits/s × ${options.seconds} s on one draft (collab pid ${server.pid})`,
    );
    // What this process (every editor) and the collab process spend while the edits flow, apart.
    await server.fanoutStart();
    const clientLoopDelay = monitorEventLoopDelay({ resolution: 10 });
    clientLoopDelay.enable();
    const clientCpuAtStart = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, i) => {
        // Spread the editors over one interval, so edits arrive steadily rather than in bursts of N.
        await sleep((intervalMs * i) / options.editors);
        const session = draftMaps(client.doc).sessions.get(sessionIdOf(i))!;
        const first = performance.now();
        for (let sequence = 0; sequence < editsPerEditor; sequence++) {
          // Paced against the start, so a late tick does not push every later edit back.
          const due = first + sequence * intervalMs;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
          const id = `${i}:${sequence}`;
          ledger.sent(id, performance.now());
          session.set('note', id);
          sent++;
        }
      }),
    );
    const editingMs = performance.now() - started;
    await waitFor(() => ledger.outstanding === 0, DRAIN_MS, 'the last edits to reach everyone').catch(() => undefined);
    const clientWallMs = performance.now() - started;
    const clientCpu = process.cpuUsage(clientCpuAtStart);
    clientLoopDelay.disable();
    const serverSide = await server.fanoutRead();
    clearInterval(sampler);
    await sleep(50);
    const end = await server.memory();

    const sorted = [...ledger.latenciesMs].sort((a, b) => a - b);
    const latency = {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? NaN),
    };
    const samples = [idle, ...memorySamples, end];
    const peak = {
      rssMb: round(Math.max(...samples.map((m) => m.peakRss ?? m.rss)) / MB),
      heapUsedMb: round(Math.max(...samples.map((m) => m.heapUsed)) / MB),
    };
    const lost = ledger.outstanding;
    const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
    const client = {
      process: `this one (${options.editors} editors)`,
      cpuMsPerEdit: round(clientCpuMs / Math.max(1, sent), 3),
      cores: round(clientCpuMs / clientWallMs, 2),
      eventLoopDelayMs: histogramSummary(clientLoopDelay, 1e6),
    };
    const serverCost = {
      fanoutMs: serverSide.fanoutMs,
      cpuMsPerEdit: round(serverSide.cpuMs / Math.max(1, sent), 3),
      cores: round(serverSide.cpuMs / serverSide.wallMs, 2),
      eventLoopDelayMs: serverSide.eventLoopDelayMs,
    };
    const result = {
      bench: BENCH,
      editors: options.editors,
      editsPerSecondPerEditor: options.rate,
      seconds: options.seconds,
      edits: sent,
      editsPerSecond: round(sent / (editingMs / 1000)),
      deliveriesPerSecond: round((ledger.latenciesMs.length * (options.editors - 1)) / (editingMs / 1000)),
      fanoutLatencyMs: latency,
      lost,
      targetP95Ms: TARGET_P95_MS,
      meetsTarget: latency.p95 < TARGET_P95_MS,
      server: {
        process: 'child (server.ts collab)',
        ...serverCost,
        idle: megabytes(idle),
        peak,
        end: megabytes(end),
      },
      client,
    };
    console.log(`edits: ${sent} (${result.editsPerSecond}/s), each to ${options.editors - 1} editors; lost: ${lost}`);
    console.log(
      `edit → applied by every other editor: p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms (target p95 < ${TARGET_P95_MS} ms)`,
    );
    const loop = (h: { p50: number; p95: number; p99: number; max: number }) =>
      `p50 ${h.p50} ms, p95 ${h.p95} ms, p99 ${h.p99} ms, max ${h.max} ms`;
    console.log(
      `  server part (collab process): off its socket → written to every socket: ${loop(serverCost.fanoutMs)} (${serverCost.fanoutMs.count} edits); CPU ${serverCost.cpuMsPerEdit} ms an edit (${serverCost.cores} of a core); event-loop delay ${loop(serverCost.eventLoopDelayMs)}`,
    );
    console.log(
      `  client part (${client.process}): CPU ${client.cpuMsPerEdit} ms an edit (${client.cores} of a core); event-loop delay ${loop(client.eventLoopDelayMs)} (how long an arrival can wait behind the editors' own work)`,
    );
    console.log(
      `collab process (child, pid ${server.pid}) memory: idle RSS ${result.server.idle.rssMb} MB, heap ${result.server.idle.heapUsedMb} MB; highest RSS ${peak.rssMb} MB, heap ${peak.heapUsedMb} MB; at the end RSS ${result.server.end.rssMb} MB, heap ${result.server.end.heapUsedMb} MB`,
    );
    printResult(result);
    return lost === 0 ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

runBench(main);
