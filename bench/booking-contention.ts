/**
 * Booking under contention, against the real server process and PostgreSQL, with a bare baseline.
 *
 * Phase A: N clients race for overlapping slots of a few resources; exactly one per resource may win.
 * Phase B: distinct, back-to-back slots at a bounded number in flight, in alternating rounds against
 * the real server and against a bare node:http + pg server (bench/lib/bare-booking-server.ts, its own
 * process) that does the same INSERT into the same table; prints both rates and their ratio.
 * Afterwards the database is asked for double bookings (must be 0).
 *
 *   npx tsx bench/booking-contention.ts [--clients 200] [--concurrency 32] [--rounds 3]
 *                                       [--requests-per-round 1000] [--resources 10] [--pool-size 20]
 *                                       [--warm-up 1000]
 *
 * Exits 1 on a double booking, on any answer but 201 or a 409 conflict, on a 409 in phase B, or when
 * the table does not hold exactly the bookings that were answered 201.
 * BENCH_SERVER_NODE_FLAGS passes node flags to the servers only (e.g. "--cpu-prof --cpu-prof-dir=.profiles").
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { SYSTEM_ACTOR } from '../core/actor';
import { resourceCreateSchema } from '../core/schemas/resource';
import type { Database } from '../db/client';
import { createApiKey } from '../db/operations/accounts/api-keys';
import { createOrganization } from '../db/operations/accounts/organizations';
import { createResource } from '../db/operations/bookings/resources';
import { Cleanup } from './lib/cleanup';
import { createBenchDatabase, type BenchDatabase } from './lib/database';
import { closeConnections, requestJson, type TimedResponse } from './lib/http-client';
import { printResult } from './lib/result';
import { ensureRemixBuild, startServer } from './lib/server-process';
import { round, runWithConcurrency, summarizeLatencies } from './lib/stats';
import { runBench } from './lib/run';

const BENCH = 'booking-contention';
const ORG_SLUG = 'bench';
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Fixed instants far from today, so opening hours, holds or "now" never interfere. Mondays, UTC. */
const WARM_UP_BASE = Date.parse('2030-01-07T00:00:00Z');
const BASELINE_WARM_UP_BASE = Date.parse('2040-01-02T00:00:00Z');
const CONTENDED_BASE = Date.parse('2030-03-04T10:00:00Z');
const UNCONTENDED_BASE = Date.parse('2030-06-03T00:00:00Z');
/** The baseline's slots: the same resources, years later, so the two servers never meet. */
const BASELINE_BASE = Date.parse('2040-06-04T00:00:00Z');
const TARGET_RATIO = 0.7;
const TARGET_P99_MS = 100;

interface Options {
  clients: number;
  /** Rounds of phase B; each round runs the real server, then the baseline. */
  rounds: number;
  requestsPerRound: number;
  concurrency: number;
  resources: number;
  /** The server's DATABASE_POOL_SIZE. */
  poolSize: number;
  /** Bookings sent to each server before anything is measured, the same number to both. */
  warmUpRequests: number;
}

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not "${raw}"`);
  return value;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: process.env.BENCH_CLIENTS || '200' },
      rounds: { type: 'string', default: '3' },
      'requests-per-round': { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '32' },
      resources: { type: 'string', default: '10' },
      'pool-size': { type: 'string', default: '20' },
      'warm-up': { type: 'string', default: '1000' },
    },
  });
  return {
    clients: positiveInteger('clients', values.clients),
    rounds: positiveInteger('rounds', values.rounds),
    requestsPerRound: positiveInteger('requests-per-round', values['requests-per-round']),
    concurrency: positiveInteger('concurrency', values.concurrency),
    resources: positiveInteger('resources', values.resources),
    poolSize: positiveInteger('pool-size', values['pool-size']),
    warmUpRequests: positiveInteger('warm-up', values['warm-up']),
  };
}

interface Fixture {
  orgId: string;
  apiKey: string;
  /** Resources raced for and booked in the measured phases. */
  resourceIds: string[];
  /** A resource of its own for warm-up bookings, so they never touch the measured slots. */
  warmUpResourceId: string;
}

async function createFixture(db: Database, resourceCount: number): Promise<Fixture> {
  const org = await createOrganization(db, { slug: ORG_SLUG, name: 'Bench', timeZone: 'UTC' });
  const { key } = await createApiKey(db, { orgId: org.id, role: 'admin', name: 'bench' });
  // availabilityRules default to {}: always open, so only overlaps can refuse a booking.
  const create = (title: string) =>
    createResource(db, {
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      input: resourceCreateSchema.parse({ title, type: 'space' }),
    });
  const resourceIds: string[] = [];
  for (let i = 0; i < resourceCount; i++) resourceIds.push((await create(`Studio ${i + 1}`)).id);
  const warmUp = await create('Warm-up room');
  return { orgId: org.id, apiKey: key, resourceIds, warmUpResourceId: warmUp.id };
}

interface Slot {
  resourceId: string;
  startsAt: number;
  endsAt: number;
}

type Outcome = { kind: 'created' | 'conflict'; ms: number } | { kind: 'error'; ms: number; detail: string };

function isConflictBody(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; conflicts?: unknown } } | null)?.error;
  return error?.code === 'conflict' && Array.isArray(error.conflicts) && error.conflicts.length > 0;
}

/** 201, or a 409 that names the booking in the way; anything else (another 409 too) is an error. */
function classify(response: TimedResponse): Outcome {
  if (response.status === 201) return { kind: 'created', ms: response.ms };
  if (response.status === 409 && isConflictBody(response.body)) return { kind: 'conflict', ms: response.ms };
  return {
    kind: 'error',
    ms: response.ms,
    detail: `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
  };
}

function bookingPoster(baseUrl: string, fixture: Fixture) {
  const url = `${baseUrl}/api/v1/orgs/${ORG_SLUG}/bookings`;
  const headers = { authorization: `Bearer ${fixture.apiKey}` };
  return async (slot: Slot, title: string): Promise<Outcome> => {
    const body = {
      resourceId: slot.resourceId,
      title,
      startsAt: new Date(slot.startsAt).toISOString(),
      endsAt: new Date(slot.endsAt).toISOString(),
    };
    const started = performance.now();
    try {
      return classify(await requestJson('POST', url, { body, headers }));
    } catch (error) {
      return { kind: 'error', ms: performance.now() - started, detail: `network: ${(error as Error).message}` };
    }
  };
}
type PostBooking = ReturnType<typeof bookingPoster>;

function tally(outcomes: readonly Outcome[]) {
  const count = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const errorSamples = [...new Set(outcomes.flatMap((o) => (o.kind === 'error' ? [o.detail] : [])))].slice(0, 5);
  return { created: count('created'), conflicts: count('conflict'), errors: count('error'), errorSamples };
}

/**
 * Back-to-back bookings, at most `concurrency` in flight: warms the server's JIT and its pool (all
 * at once, a cold server on a busy machine can wait longer for a connection than it is allowed to).
 * A few hundred requests leave V8 still optimizing, which made the first measured round the slowest.
 */
async function warmUp(post: PostBooking, fixture: Fixture, options: Options, base: number): Promise<void> {
  const tasks = Array.from(
    { length: options.warmUpRequests },
    (_, i) => () =>
      post(
        { resourceId: fixture.warmUpResourceId, startsAt: base + i * HOUR_MS, endsAt: base + (i + 1) * HOUR_MS },
        `warm-up ${i}`,
      ),
  );
  const { errors, errorSamples } = tally(await runWithConcurrency(tasks, options.concurrency));
  if (errors > 0) throw new Error(`warm-up: ${errors} requests failed, e.g. ${errorSamples[0]}`);
}

/**
 * Client i wants resource i mod R for one hour, starting up to 29 minutes after a common start: every
 * two wishes for one resource overlap, so exactly one per resource may be created.
 */
function contendedSlot(fixture: Fixture, client: number): Slot {
  const resources = fixture.resourceIds.length;
  const startsAt = CONTENDED_BASE + (Math.floor(client / resources) % 30) * MINUTE_MS;
  return { resourceId: fixture.resourceIds[client % resources], startsAt, endsAt: startsAt + HOUR_MS };
}

async function runContendedPhase(post: PostBooking, fixture: Fixture, clients: number) {
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: clients }, (_, i) => post(contendedSlot(fixture, i), `race ${i}`)),
  );
  const wallMs = performance.now() - started;
  const expectedCreated = Math.min(clients, fixture.resourceIds.length);
  return { ...tally(outcomes), expectedCreated, wallMs, latency: summarizeLatencies(outcomes.map((o) => o.ms)) };
}

/**
 * Slot s is hour ⌊s/R⌋ of resource s mod R after `base`: distinct and back to back, so the half-open
 * [start, end) boundaries touch without overlapping. Any 409 here is a bug.
 */
function uncontendedSlot(fixture: Fixture, base: number, slot: number): Slot {
  const resources = fixture.resourceIds.length;
  const startsAt = base + Math.floor(slot / resources) * HOUR_MS;
  return { resourceId: fixture.resourceIds[slot % resources], startsAt, endsAt: startsAt + HOUR_MS };
}

interface Round {
  outcomes: Outcome[];
  wallMs: number;
  /** CPU the server's processes spent in the round, when /proc tells. */
  serverCpuMs: number | undefined;
}

/** One round: `count` slots from `first` on, at most `concurrency` in flight. */
async function runRound(
  target: { post: PostBooking; cpuMs(): number | undefined },
  fixture: Fixture,
  base: number,
  first: number,
  count: number,
  concurrency: number,
): Promise<Round> {
  const tasks = Array.from(
    { length: count },
    (_, i) => () => target.post(uncontendedSlot(fixture, base, first + i), `booking ${first + i}`),
  );
  const cpuBefore = target.cpuMs();
  const started = performance.now();
  const outcomes = await runWithConcurrency(tasks, concurrency);
  const wallMs = performance.now() - started;
  const cpuAfter = target.cpuMs();
  const serverCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { outcomes, wallMs, serverCpuMs };
}

function summarizeRounds(rounds: readonly Round[]) {
  const outcomes = rounds.flatMap((r) => r.outcomes);
  const wallMs = rounds.reduce((sum, r) => sum + r.wallMs, 0);
  const cpuMs = rounds.every((r) => r.serverCpuMs !== undefined)
    ? rounds.reduce((sum, r) => sum + (r.serverCpuMs ?? 0), 0)
    : undefined;
  return {
    cpuMsPerRequest: cpuMs === undefined ? undefined : cpuMs / outcomes.length,
    ...tally(outcomes),
    requests: outcomes.length,
    wallMs,
    rps: outcomes.length / (wallMs / 1000),
    roundRps: rounds.map((r) => r.outcomes.length / (r.wallMs / 1000)),
    latency: summarizeLatencies(outcomes.map((o) => o.ms)),
  };
}

/**
 * The real server and the baseline take turns, round by round, so a busy spell of the machine (it is
 * shared) falls on both rather than on one.
 */
type Target = Parameters<typeof runRound>[0];

async function runUncontendedPhase(real: Target, bareServer: Target, fixture: Fixture, options: Options) {
  const server: Round[] = [];
  const bare: Round[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const first = round * options.requestsPerRound;
    server.push(await runRound(real, fixture, UNCONTENDED_BASE, first, options.requestsPerRound, options.concurrency));
    bare.push(await runRound(bareServer, fixture, BASELINE_BASE, first, options.requestsPerRound, options.concurrency));
  }
  const serverFigures = summarizeRounds(server);
  const bareFigures = summarizeRounds(bare);
  const cpuRatio =
    serverFigures.cpuMsPerRequest && bareFigures.cpuMsPerRequest
      ? serverFigures.cpuMsPerRequest / bareFigures.cpuMsPerRequest
      : undefined;
  return { server: serverFigures, bare: bareFigures, ratio: serverFigures.rps / bareFigures.rps, cpuRatio };
}

/**
 * The invariant itself, asked of the database rather than of the responses: bookings that start
 * before an earlier-starting booking of the same resource has ended. One sort per resource, so it
 * stays quick on long runs where a pairwise join would not.
 */
async function countDoubleBookings(database: BenchDatabase): Promise<number> {
  const { rows } = await database.handle.pool!.query<{ count: string }>(`
    select count(*) from (
      select lower(time_range) as starts,
             max(upper(time_range)) over (
               partition by resource_id order by lower(time_range), id
               rows between unbounded preceding and 1 preceding) as latest_end_before
      from bookings where status in ('pending', 'confirmed')
    ) ordered
    where starts < latest_end_before`);
  return Number(rows[0].count);
}

/** Every 201 must be a row, and nothing else may be: a cross-check of the responses against the table. */
async function countActiveBookings(database: BenchDatabase): Promise<number> {
  const { rows } = await database.handle.pool!.query<{ count: string }>(
    `select count(*) from bookings where status in ('pending', 'confirmed')`,
  );
  return Number(rows[0].count);
}

type ContendedFigures = Awaited<ReturnType<typeof runContendedPhase>>;
type UncontendedFigures = Awaited<ReturnType<typeof runUncontendedPhase>>;

function ms(value: number): string {
  return `${round(value)} ms`;
}

function describeRounds(label: string, figures: UncontendedFigures['server']): string[] {
  const { latency } = figures;
  return [
    `  ${label}: ${round(figures.rps)} requests/s (rounds: ${figures.roundRps.map((rps) => round(rps)).join(', ')}); created ${figures.created}, conflicts ${figures.conflicts} (expected 0), errors ${figures.errors}`,
    `    latency p50 ${ms(latency.p50)}, p90 ${ms(latency.p90)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}, mean ${ms(latency.mean)}`,
    ...(figures.errors > 0 ? [`    errors, e.g.: ${figures.errorSamples.join(' | ')}`] : []),
    `    CPU per request (the server's processes): ${figures.cpuMsPerRequest === undefined ? 'not measured here (no /proc)' : ms(figures.cpuMsPerRequest)}`,
  ];
}

function printFigures(
  options: Options,
  contended: ContendedFigures,
  uncontended: UncontendedFigures,
  integrity: { doubleBookings: number; rowsExpected: number; rowsFound: number },
): void {
  const lines = [
    `booking-contention: ${options.clients} clients, ${options.resources} resources, server pool of ${options.poolSize} connections`,
    '',
    `Phase A (contended): ${options.clients} simultaneous requests for overlapping slots`,
    `  created ${contended.created} (expected ${contended.expectedCreated}), conflicts ${contended.conflicts}, errors ${contended.errors}`,
    `  all answered in ${ms(contended.wallMs)}; latency p50 ${ms(contended.latency.p50)}, p99 ${ms(contended.latency.p99)}, max ${ms(contended.latency.max)}`,
    '',
    `Phase B (uncontended): ${options.rounds} alternating rounds of ${options.requestsPerRound} requests each, ${options.concurrency} in flight`,
    ...describeRounds('server  ', uncontended.server),
    ...describeRounds('baseline', uncontended.bare),
    `  server/baseline: ${round(uncontended.ratio, 2)} (target ≥ ${TARGET_RATIO}); server p99 target < ${TARGET_P99_MS} ms`,
    `  CPU per request, server/baseline: ${uncontended.cpuRatio === undefined ? 'not measured here' : `${round(uncontended.cpuRatio, 2)}×`}`,
    '',
    `Database: ${integrity.doubleBookings} double bookings; ${integrity.rowsFound} active bookings (expected ${integrity.rowsExpected})`,
  ];
  for (const sample of [
    ...contended.errorSamples,
    ...uncontended.server.errorSamples,
    ...uncontended.bare.errorSamples,
  ])
    lines.push(`  unexpected answer: ${sample}`);
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  const options = parseOptions();
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    await ensureRemixBuild();
    const database = await createBenchDatabase();
    cleanup.add('drop the bench database', database.drop);
    const fixture = await createFixture(database.handle.db, options.resources);
    const env = { DATABASE_POOL_SIZE: String(options.poolSize) };
    const server = await startServer({ databaseUrl: database.url, env });
    const bare = await startServer({
      databaseUrl: database.url,
      env: { ...env, BARE_ORG_ID: fixture.orgId },
      script: 'bench/lib/bare-booking-server.ts',
      label: 'baseline',
    });
    // Runs in reverse: the servers drain first (finishing any request still in flight), then sockets close.
    cleanup.add('close client connections', closeConnections);
    cleanup.add('stop the server', server.stop);
    cleanup.add('stop the baseline', bare.stop);

    const post = bookingPoster(server.baseUrl, fixture);
    const postBare = bookingPoster(bare.baseUrl, fixture);
    await warmUp(post, fixture, options, WARM_UP_BASE);
    await warmUp(postBare, fixture, options, BASELINE_WARM_UP_BASE);
    const contended = await runContendedPhase(post, fixture, options.clients);
    const uncontended = await runUncontendedPhase(
      { post, cpuMs: server.cpuMs },
      { post: postBare, cpuMs: bare.cpuMs },
      fixture,
      options,
    );
    const doubleBookings = await countDoubleBookings(database);
    const rowsExpected =
      2 * options.warmUpRequests + contended.created + uncontended.server.created + uncontended.bare.created;
    const rowsFound = await countActiveBookings(database);

    printFigures(options, contended, uncontended, { doubleBookings, rowsExpected, rowsFound });
    const figures = (f: UncontendedFigures['server']) => ({
      requests: f.requests,
      rps: round(f.rps),
      p50_ms: round(f.latency.p50),
      p99_ms: round(f.latency.p99),
      cpu_ms_per_request: f.cpuMsPerRequest === undefined ? null : round(f.cpuMsPerRequest, 3),
      conflicts: f.conflicts,
      errors: f.errors,
    });
    printResult({
      bench: BENCH,
      clients: options.clients,
      concurrency: options.concurrency,
      contended: { created: contended.created, conflicts: contended.conflicts, errors: contended.errors },
      uncontended: figures(uncontended.server),
      baseline: figures(uncontended.bare),
      ratio: round(uncontended.ratio, 2),
      cpu_per_request_ratio: uncontended.cpuRatio === undefined ? null : round(uncontended.cpuRatio, 2),
      double_bookings: doubleBookings,
    });
    const errors = contended.errors + uncontended.server.errors + uncontended.bare.errors;
    const failed =
      doubleBookings > 0 ||
      errors > 0 ||
      uncontended.server.conflicts + uncontended.bare.conflicts > 0 ||
      rowsFound !== rowsExpected;
    return failed ? 1 : 0;
  } finally {
    await cleanup.run();
  }
}

runBench(main);
