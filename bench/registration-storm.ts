/**
 * The registration storm: N people register for one session of S seats, over HTTP against the real
 * server process and PostgreSQL (public endpoint, no key). Exactly S must be registered and the rest
 * waitlisted with positions 1..N-S, each once; the database is asked, not only the responses.
 *
 *   npx tsx bench/registration-storm.ts [--registrants 500] [--seats 20] [--pool-size 20]
 *                                       [--rounds 3] [--paced-rounds 3] [--rate 300]
 *
 * Two kinds of round, each on a fresh session of the same (warmed) server:
 * - herd: all N requests sent at the same instant. Latency there is the time to drain the queue, so
 *   its p99 is about N / (the server's rate); the figure that matters is requests/s.
 * - paced: the N requests arrive at `--rate` per second, evenly spaced (an open loop: a slow answer
 *   does not delay the next request). This is "so many registrations a second", and its p99 is the
 *   latency a person sees while the storm lasts.
 * Exits 1 on any answer but 201, on a wrong count, or on a position given twice or skipped.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { SYSTEM_ACTOR } from '../core/actor';
import { resourceCreateSchema } from '../core/schemas/resource';
import type { Database } from '../db/client';
import { createOrganization } from '../db/operations/accounts/organizations';
import { createResource } from '../db/operations/bookings/resources';
import { addWorkshopSession, createWorkshop } from '../db/operations/workshops/workshops';
import { Cleanup } from './lib/cleanup';
import { createBenchDatabase, type BenchDatabase } from './lib/database';
import { closeConnections, requestJson } from './lib/http-client';
import { printResult } from './lib/result';
import { ensureRemixBuild, startServer } from './lib/server-process';
import { round, summarizeLatencies } from './lib/stats';
import { runBench } from './lib/run';

const BENCH = 'registration-storm';
const ORG_SLUG = 'bench';
const HOUR_MS = 3_600_000;
/** Fixed evenings far from today, one per round, so "has it started" never interferes. */
const FIRST_SESSION = Date.parse('2030-09-02T22:00:00Z');

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not "${raw}"`);
  return value;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      registrants: { type: 'string', default: '500' },
      seats: { type: 'string', default: '20' },
      'pool-size': { type: 'string', default: '20' },
      rounds: { type: 'string', default: '3' },
      'paced-rounds': { type: 'string', default: '3' },
      rate: { type: 'string', default: '300' },
    },
  });
  return {
    registrants: positiveInteger('registrants', values.registrants),
    seats: positiveInteger('seats', values.seats),
    poolSize: positiveInteger('pool-size', values['pool-size']),
    rounds: positiveInteger('rounds', values.rounds),
    pacedRounds: positiveInteger('paced-rounds', values['paced-rounds']),
    rate: positiveInteger('rate', values.rate),
  };
}
type Options = ReturnType<typeof parseOptions>;

async function createSessions(db: Database, options: Options): Promise<string[]> {
  const org = await createOrganization(db, { slug: ORG_SLUG, name: 'Bench', timeZone: 'America/New_York' });
  const room = await createResource(db, {
    orgId: org.id,
    actor: SYSTEM_ACTOR,
    input: resourceCreateSchema.parse({ title: 'Classroom', type: 'space' }),
  });
  const workshop = await createWorkshop(db, {
    orgId: org.id,
    actor: SYSTEM_ACTOR,
    workshop: {
      title: 'Storm',
      slug: 'storm',
      description: '',
      capacity: options.seats,
      tags: [],
      isPublic: true,
      registrationMode: 'per_session',
      published: true,
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < options.rounds + options.pacedRounds; i++) {
    const startsAt = new Date(FIRST_SESSION + i * 24 * HOUR_MS);
    const { session } = await addWorkshopSession(db, {
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      workshopId: workshop.id,
      session: { resourceId: room.id, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR_MS) },
    });
    ids.push(session.id);
  }
  return ids;
}

interface Outcome {
  ok: boolean;
  ms: number;
  status?: string;
  position?: number;
  detail?: string;
}

/**
 * A crowd comes from many addresses: each registrant sends from its own loopback address
 * (127.0.0.0/8 is all local on Linux), so the per-address limit counts them apart as in production.
 */
function loopbackAddress(index: number): string {
  return `127.1.${Math.floor(index / 250)}.${(index % 250) + 1}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `ratePerSecond` undefined: everyone at once; else request i leaves i / rate seconds after the first. */
async function storm(baseUrl: string, sessionId: string, round: number, registrants: number, ratePerSecond?: number) {
  const url = `${baseUrl}/api/v1/orgs/${ORG_SLUG}/sessions/${sessionId}/registrations`;
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: registrants }, async (_, i): Promise<Outcome> => {
      if (ratePerSecond) await sleep(started + (i * 1000) / ratePerSecond - performance.now());
      const sent = performance.now();
      try {
        const response = await requestJson('POST', url, {
          body: { name: `Person ${i}`, email: `r${round}-p${i}@bench.example` },
          localAddress: loopbackAddress(i),
        });
        const body = response.body as { status?: string; position?: number };
        if (response.status === 201) return { ok: true, ms: response.ms, status: body.status, position: body.position };
        return { ok: false, ms: response.ms, detail: `${response.status} ${JSON.stringify(body).slice(0, 200)}` };
      } catch (error) {
        return { ok: false, ms: performance.now() - sent, detail: `network: ${(error as Error).message}` };
      }
    }),
  );
  return { outcomes, wallMs: performance.now() - started };
}

/** Latencies and wall time of the rounds of one kind. */
class PhaseFigures {
  private readonly latencies: number[] = [];
  private wallMs = 0;
  add(latencies: number[], wallMs: number) {
    this.latencies.push(...latencies);
    this.wallMs += wallMs;
  }
  summary() {
    const latency = summarizeLatencies(this.latencies);
    return {
      rps: round(this.latencies.length / (this.wallMs / 1000)),
      p50: round(latency.p50),
      p90: round(latency.p90),
      p99: round(latency.p99),
      max: round(latency.max),
    };
  }
}

/** What the database holds for the session, independent of what clients were told. */
async function databaseCounts(database: BenchDatabase, sessionId: string) {
  const { rows } = await database.handle.pool!.query<{
    registered: string;
    waitlisted: string;
    positions_ok: boolean;
    emails: string;
    total: string;
  }>(
    `select count(*) filter (where status = 'registered') as registered,
            count(*) filter (where status = 'waitlisted') as waitlisted,
            coalesce(array_agg(waitlist_position order by waitlist_position) filter (where status = 'waitlisted')
              = array(select generate_series(1, count(*) filter (where status = 'waitlisted')::int)), true) as positions_ok,
            count(distinct lower(email)) as emails, count(*) as total
       from workshop_registrations where session_id = $1`,
    [sessionId],
  );
  const row = rows[0];
  return {
    registered: Number(row.registered),
    waitlisted: Number(row.waitlisted),
    positionsOk: row.positions_ok,
    duplicateEmails: Number(row.total) - Number(row.emails),
  };
}

async function main(): Promise<number> {
  const options = parseOptions();
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    await ensureRemixBuild();
    const database = await createBenchDatabase();
    cleanup.add('drop the bench database', database.drop);
    const sessionIds = await createSessions(database.handle.db, options);
    const server = await startServer({
      databaseUrl: database.url,
      // One address per registrant, but each sends once per round: the per-IP limit allows the rounds.
      env: { DATABASE_POOL_SIZE: String(options.poolSize), REGISTRATIONS_PER_IP_PER_HOUR: String(options.rounds + 10) },
    });
    cleanup.add('close client connections', closeConnections);
    cleanup.add('stop the server', server.stop);

    const phases = { herd: new PhaseFigures(), paced: new PhaseFigures() };
    let errors = 0;
    const errorSamples = new Set<string>();
    let countsOk = true;
    const lines: string[] = [];
    let last: Awaited<ReturnType<typeof databaseCounts>> | undefined;
    for (const [index, sessionId] of sessionIds.entries()) {
      const paced = index >= options.rounds;
      const { outcomes, wallMs } = await storm(
        server.baseUrl,
        sessionId,
        index,
        options.registrants,
        paced ? options.rate : undefined,
      );
      phases[paced ? 'paced' : 'herd'].add(
        outcomes.map((o) => o.ms),
        wallMs,
      );
      errors += outcomes.filter((o) => !o.ok).length;
      for (const o of outcomes) if (o.detail && errorSamples.size < 5) errorSamples.add(o.detail);
      const told = {
        registered: outcomes.filter((o) => o.status === 'registered').length,
        waitlisted: outcomes.filter((o) => o.status === 'waitlisted').length,
      };
      const positions = outcomes.flatMap((o) => (o.position ? [o.position] : [])).sort((a, b) => a - b);
      const positionsTold = positions.every((p, i) => p === i + 1);
      const stored = await databaseCounts(database, sessionId);
      const expectedWaitlist = Math.max(0, options.registrants - options.seats);
      countsOk &&=
        told.registered === Math.min(options.seats, options.registrants) &&
        told.waitlisted === expectedWaitlist &&
        positionsTold &&
        stored.registered === told.registered &&
        stored.waitlisted === told.waitlisted &&
        stored.positionsOk &&
        stored.duplicateEmails === 0;
      last = stored;
      lines.push(
        `  ${paced ? 'paced' : 'herd '} round ${index + 1}: ${told.registered} registered, ${told.waitlisted} waitlisted in ${round(wallMs)} ms; database: ${stored.registered} registered, ${stored.waitlisted} waitlisted, positions ${stored.positionsOk ? '1..n once each' : 'WRONG'}, ${stored.duplicateEmails} duplicate emails`,
      );
    }
    const herd = phases.herd.summary();
    const paced = phases.paced.summary();
    console.log(
      [
        `registration-storm: ${options.registrants} registrations for ${options.seats} seats, server pool of ${options.poolSize}; ${options.rounds} rounds all at once, ${options.pacedRounds} arriving at ${options.rate}/s`,
        ...lines,
        `  all at once:  ${herd.rps} requests/s; latency p50 ${herd.p50} ms, p99 ${herd.p99} ms, max ${herd.max} ms (the queue draining)`,
        `  ${options.rate}/s arriving: ${paced.rps} requests/s; latency p50 ${paced.p50} ms, p90 ${paced.p90} ms, p99 ${paced.p99} ms, max ${paced.max} ms`,
        `  errors ${errors}${[...errorSamples].map((s) => `\n  unexpected answer: ${s}`).join('')}`,
      ].join('\n'),
    );
    printResult({
      bench: BENCH,
      registrants: options.registrants,
      seats: options.seats,
      herd_rps: herd.rps,
      herd_p99_ms: herd.p99,
      paced_rate: options.rate,
      paced_p50_ms: paced.p50,
      paced_p99_ms: paced.p99,
      registered: last?.registered,
      waitlisted: last?.waitlisted,
      positions_ok: last?.positionsOk,
      duplicate_emails: last?.duplicateEmails,
      errors,
      correct: countsOk && errors === 0,
    });
    return countsOk && errors === 0 ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

runBench(main);
