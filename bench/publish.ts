/**
 * Publishing a season of 1,000 sessions on 40 resources: the first publish, an unchanged re-publish,
 * and a draft with 100 conflicts. Baseline in the same run: the same 1,000 bookings inserted one
 * row per transaction (createBooking), on a second season's slots.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Actor } from '../core/actor';
import { addDraftItems, readDraft, type DraftItemsInput } from '../core/draft/model';
import { createBooking } from '../db/operations/bookings/bookings';
import { createOrganization } from '../db/operations/accounts/organizations';
import { publishSeason } from '../db/operations/seasons/publish';
import { createResource } from '../db/operations/bookings/resources';
import { createSeason } from '../db/operations/seasons/seasons';
import { createBenchDatabase } from './lib/database';
import { printResult } from './lib/result';

const SESSIONS = 1_000;
const RESOURCES = 40;
const ACTOR: Actor = { type: 'system', id: null, role: 'admin' };

/** 25 sessions per resource, two hours each, one a day from a fixed Monday (2030-01-07). */
function slot(index: number, dayOffset: number) {
  const resource = index % RESOURCES;
  const day = Math.floor(index / RESOURCES) + dayOffset;
  const start = new Date(Date.UTC(2030, 0, 7 + day, 15));
  return { resource, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString() };
}

function draftOf(resourceIds: string[], dayOffset: number): Y.Doc {
  const items: DraftItemsInput = {
    workshops: [{ key: 'w', title: 'Open studio', capacity: 12, tags: [], isPublic: true }],
    sessions: Array.from({ length: SESSIONS }, (_, i) => {
      const { resource, startsAt, endsAt } = slot(i, dayOffset);
      return { id: `s${i}`, workshopKey: 'w', resourceId: resourceIds[resource], startsAt, endsAt };
    }),
  };
  const doc = new Y.Doc();
  addDraftItems(doc, items, randomUUID);
  return doc;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: Math.round((performance.now() - started) * 10) / 10, result };
}

async function main() {
  const bench = await createBenchDatabase();
  try {
    const db = bench.handle.db;
    const org = await createOrganization(db, { slug: 'bench', name: 'Bench', timeZone: 'America/New_York' });
    const resourceIds: string[] = [];
    for (let i = 0; i < RESOURCES; i++) {
      const r = await createResource(db, {
        orgId: org.id,
        actor: ACTOR,
        input: {
          title: `Room ${i}`,
          type: 'space',
          capacity: 20,
          isBookable: true,
          requiresApproval: false,
          availabilityRules: {},
          metadata: {},
        },
      });
      resourceIds.push(r.id);
    }
    const season = await createSeason(db, {
      orgId: org.id,
      actor: ACTOR,
      season: { name: 'Bench', startsOn: '2030-01-01', endsOn: '2030-12-31' },
    });
    const doc = draftOf(resourceIds, 0);
    const publish = (draftDoc: Y.Doc, seasonId = season.id) =>
      publishSeason(db, { orgId: org.id, seasonId, actor: ACTOR, draft: readDraft(draftDoc) });

    // Warm both paths up (module loading, JIT, prepared plans) on a throwaway season and a throwaway booking,
    // so the figures compare the work, not the first call of the process.
    const warmUp = await createSeason(db, {
      orgId: org.id,
      actor: ACTOR,
      season: { name: 'Warm-up', startsOn: '2030-01-01', endsOn: '2030-12-31' },
    });
    const warmDoc = draftOf(resourceIds, 300);
    warmDoc.transact(() => {
      const sessions = warmDoc.getMap<Y.Map<unknown>>('sessions');
      for (const key of [...sessions.keys()].slice(50)) sessions.delete(key);
    });
    await publish(warmDoc, warmUp.id);
    for (let i = 0; i < 50; i++) {
      const { resource, startsAt, endsAt } = slot(i, 400);
      await createBooking(db, {
        orgId: org.id,
        actor: ACTOR,
        input: { resourceId: resourceIds[resource], title: 'Warm-up', startsAt, endsAt },
      });
    }

    const first = await timed(() => publish(doc));
    if (!first.result.published || first.result.counts?.added !== SESSIONS)
      throw new Error(`first publish failed: ${JSON.stringify(first.result.conflicts.slice(0, 3))}`);
    const unchanged = await timed(() => publish(doc));

    // 100 sessions of a second season land on the first season's slots: 100 conflicts, nothing written.
    const rival = await createSeason(db, {
      orgId: org.id,
      actor: ACTOR,
      season: { name: 'Rival', startsOn: '2030-01-01', endsOn: '2030-12-31' },
    });
    const rivalDoc = draftOf(resourceIds, 100);
    rivalDoc.transact(() => {
      const sessions = rivalDoc.getMap<Y.Map<unknown>>('sessions');
      for (let i = 0; i < 100; i++) {
        const { startsAt, endsAt } = slot(i, 0);
        sessions.get(`s${i}`)!.set('startsAt', startsAt);
        sessions.get(`s${i}`)!.set('endsAt', endsAt);
      }
    });
    const conflicted = await timed(() => publish(rivalDoc, rival.id));
    if (conflicted.result.published || conflicted.result.conflicts.length !== 100)
      throw new Error(`expected 100 conflicts, got ${conflicted.result.conflicts.length}`);

    // Baseline: the same number of bookings, one transaction each, on free days.
    const baseline = await timed(async () => {
      for (let i = 0; i < SESSIONS; i++) {
        const { resource, startsAt, endsAt } = slot(i, 200);
        await createBooking(db, {
          orgId: org.id,
          actor: ACTOR,
          input: { resourceId: resourceIds[resource], title: 'Open studio', startsAt, endsAt },
        });
      }
    });

    const ratio = Math.round((baseline.ms / first.ms) * 10) / 10;
    console.log(`First publish of ${SESSIONS} sessions on ${RESOURCES} resources: ${first.ms} ms (target < 1000 ms)`);
    console.log(
      `Unchanged re-publish: ${unchanged.ms} ms; publish with 100 conflicts (all reported, nothing written): ${conflicted.ms} ms`,
    );
    console.log(
      `Baseline, one booking per transaction: ${baseline.ms} ms — publish is ${ratio}× faster (target ≥ 10×)`,
    );
    printResult({
      bench: 'publish',
      sessions: SESSIONS,
      resources: RESOURCES,
      first_ms: first.ms,
      unchanged_ms: unchanged.ms,
      conflicts_100_ms: conflicted.ms,
      baseline_ms: baseline.ms,
      ratio,
    });
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
