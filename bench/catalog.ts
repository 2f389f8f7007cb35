/**
 * The public catalog (/:org/workshops) with 200 published workshops, under concurrent load over HTTP
 * against the real server; in the same run, a static file served by the same process, as the
 * baseline a page is compared with.
 */
import type { Actor } from '../core/actor';
import { createOrganization } from '../db/operations/accounts/organizations';
import { createResource } from '../db/operations/bookings/resources';
import { addWorkshopSession, createWorkshop } from '../db/operations/workshops/workshops';
import { Cleanup } from './lib/cleanup';
import { createBenchDatabase } from './lib/database';
import { closeConnections, requestJson } from './lib/http-client';
import { printResult } from './lib/result';
import { startServer } from './lib/server-process';
import { round, runWithConcurrency, summarizeLatencies } from './lib/stats';
import { runBench } from './lib/run';

const WORKSHOPS = 200;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = 32;
const ACTOR: Actor = { type: 'system', id: null, role: 'admin' };

async function load(url: string, headers: Record<string, string> = {}, requests = REQUESTS) {
  const get = () => requestJson('GET', url, { headers: { accept: 'text/html', ...headers } });
  await runWithConcurrency(
    Array.from({ length: 50 }, () => get),
    CONCURRENCY,
  ); // warm-up
  const started = performance.now();
  const responses = await runWithConcurrency(
    Array.from({ length: requests }, () => get),
    CONCURRENCY,
  );
  const seconds = (performance.now() - started) / 1000;
  const failures = responses.filter((r) => r.status !== 200).length;
  return { rps: round(requests / seconds), failures, ...summarizeLatencies(responses.map((r) => r.ms)) };
}

async function main(): Promise<number> {
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    const bench = await createBenchDatabase();
    cleanup.add('drop the bench database', () => bench.drop());
    const db = bench.handle.db;
    const org = await createOrganization(db, { slug: 'catalog', name: 'Catalog Arts', timeZone: 'America/New_York' });
    const rooms = [];
    for (let i = 0; i < 20; i++) {
      rooms.push(
        await createResource(db, {
          orgId: org.id,
          actor: ACTOR,
          input: {
            title: `Studio ${i}`,
            type: 'space',
            capacity: 20,
            isBookable: true,
            requiresApproval: false,
            availabilityRules: {},
            metadata: {},
          },
        }),
      );
    }
    for (let i = 0; i < WORKSHOPS; i++) {
      const workshop = await createWorkshop(db, {
        orgId: org.id,
        actor: ACTOR,
        workshop: {
          title: `Workshop ${i}`,
          slug: `workshop-${i}`,
          description: 'Materials included. All levels welcome.',
          capacity: 12,
          tags: [i % 2 ? 'print' : 'ceramics'],
          isPublic: true,
          registrationMode: 'per_session',
          published: true,
        },
      });
      // Fixed instants in 2030, one evening each, spread over the rooms.
      const start = new Date(Date.UTC(2030, 2, 1 + Math.floor(i / 20), 22));
      await addWorkshopSession(db, {
        orgId: org.id,
        actor: ACTOR,
        workshopId: workshop.id,
        session: { resourceId: rooms[i % 20].id, startsAt: start, endsAt: new Date(start.getTime() + 2 * 3_600_000) },
      });
    }
    const server = await startServer({ databaseUrl: bench.url, env: { DEMO: '0' } });
    cleanup.add('stop the server', () => server.stop());
    cleanup.add('close client sockets', () => closeConnections());

    const page = await load(`${server.baseUrl}/catalog/workshops`);
    const staticFile = await load(`${server.baseUrl}/favicon.svg`);
    // A session cookie (even one that names no session) bypasses the page cache: every request renders.
    const rendered = await load(
      `${server.baseUrl}/catalog/workshops`,
      { cookie: 'infra24_session=bench' },
      Math.ceil(REQUESTS / 10),
    );
    const ratio = round(page.rps / staticFile.rps, 2);
    console.log(
      `Catalog page (${WORKSHOPS} workshops): ${page.rps} requests/s, p50 ${round(page.p50)} ms, p99 ${round(page.p99)} ms (target ≥ 500 requests/s)`,
    );
    console.log(
      `Rendered on every request (page cache bypassed): ${rendered.rps} requests/s, p50 ${round(rendered.p50)} ms, p99 ${round(rendered.p99)} ms`,
    );
    console.log(
      `Static file, same process: ${staticFile.rps} requests/s, p99 ${round(staticFile.p99)} ms — the page runs at ${ratio} of it (target ≥ 0.25)`,
    );
    printResult({
      bench: 'catalog',
      workshops: WORKSHOPS,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      page,
      rendered,
      static: staticFile,
      ratio,
    });
    return page.failures + rendered.failures + staticFile.failures === 0 ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

runBench(main);
