/**
 * Conflict repairs on a 100-room × 5,000-session season draft (fixed seed): the suggestions for one
 * conflict (p50/p95 over every conflict, each from a fresh planner, as the API answers) and a fix-all
 * plan for its 100 conflicts, with how many sessions it moved against the fewest possible. Baseline
 * in the same run: findProblems, the conflict check the board and publish run, over the same draft.
 *
 *   npx tsx bench/suggestions.ts [--rooms 100] [--sessions 5000] [--conflicts 100] [--seed 7]
 */
import { parseArgs } from 'node:util';
import { applyMoves } from '../core/draft/apply-moves';
import { findProblems, type ExistingBooking, type ResourceFacts } from '../core/draft/conflicts';
import { planFixAll } from '../core/draft/fix-all';
import type { DraftItemsInput } from '../core/draft/model';
import { docWith, seededRandom, snapshot, ZONE } from '../core/draft/repair-fixtures';
import { suggestRepairs } from '../core/draft/suggestions';
import { printResult } from './lib/result';
import { percentile, round } from './lib/stats';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '100' },
    sessions: { type: 'string', default: '5000' },
    conflicts: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
  },
});
const ROOMS = Number(values.rooms);
const SESSIONS = Number(values.sessions);
const CONFLICTS = Number(values.conflicts);
const random = seededRandom(Number(values.seed));
const pick = (n: number) => Math.floor(random() * n);

const weekdays = { start: '09:00', end: '21:00' };
const HOUR = 3_600_000;
/** Monday 11 January 2027, 00:00 in New York (EST, UTC−5). */
const SEASON_START = Date.UTC(2027, 0, 11, 5);

/**
 * A clean season first: each room holds sessions on weekdays at 10:00, 14:00 and 18:00 local (two
 * hours each) until the sessions run out, a few live bookings in free evenings; then `CONFLICTS`
 * sessions are put where they are wrong: on top of another session, mostly, else after closing time.
 */
function buildSeason() {
  const resources = new Map<string, ResourceFacts>();
  const roomIds: string[] = [];
  for (let r = 0; r < ROOMS; r++) {
    const id = `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    roomIds.push(id);
    resources.set(id, {
      id,
      title: `Room ${r}`,
      type: r % 4 === 3 ? 'equipment' : 'space',
      capacity: [12, 16, 24, 40][r % 4],
      timeZone: ZONE,
      bookable: true,
      availabilityRules:
        r % 10 === 9
          ? {}
          : { weekly: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays] } },
    });
  }
  const slots = [10, 14, 18];
  const sessions: NonNullable<DraftItemsInput['sessions']> = [];
  for (let n = 0; n < SESSIONS; n++) {
    const room = n % ROOMS;
    // The room's i-th session is on its i-th weekday, at one of three times: each day keeps room to repair into.
    const index = Math.floor(n / ROOMS);
    const [week, weekday] = [Math.floor(index / 5), index % 5];
    const start = SEASON_START + ((week * 7 + weekday) * 24 + slots[(index + room) % slots.length]) * HOUR;
    sessions.push({
      id: `s${n}`,
      workshopKey: `w${n % 20}`,
      resourceId: roomIds[room],
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 2 * HOUR).toISOString(),
    });
  }
  const taken = new Set<number>();
  for (let c = 0; c < CONFLICTS; c++) {
    let n = pick(SESSIONS);
    while (taken.has(n)) n = (n + 1) % SESSIONS;
    taken.add(n);
    const session = sessions[n];
    let victim = sessions[pick(SESSIONS)];
    if (victim === session) victim = sessions[(n + 1) % SESSIONS];
    if (c % 5 === 4) {
      // After closing time in its own room.
      const start = Date.parse(session.startsAt) - (Date.parse(session.startsAt) % (24 * HOUR)) + 25 * HOUR;
      session.startsAt = new Date(start).toISOString();
      session.endsAt = new Date(start + 2 * HOUR).toISOString();
    } else {
      // An hour into another session.
      const start = Date.parse(victim.startsAt) + HOUR;
      Object.assign(session, {
        resourceId: victim.resourceId,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * HOUR).toISOString(),
      });
    }
  }
  const existing: ExistingBooking[] = Array.from({ length: ROOMS * 2 }, (_, n) => {
    // Mornings, before the first session of any day (10:00 local is 15:00Z).
    const start = SEASON_START + (pick(70) * 24 + 12) * HOUR;
    return {
      id: `booking-${n}`,
      title: `Rental ${n}`,
      resourceId: roomIds[pick(ROOMS)],
      startsAt: new Date(start),
      endsAt: new Date(start + 2 * HOUR),
    };
  });
  const workshops = Array.from({ length: 20 }, (_, n) => ({
    key: `w${n}`,
    title: `Workshop ${n}`,
    capacity: [8, 10, 12][n % 3],
    tags: [],
    isPublic: true,
  }));
  return { items: { workshops, sessions }, resources, existing };
}

function timed<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

function main() {
  const { items, resources, existing } = buildSeason();
  const draft = snapshot(docWith(items));
  const context = { resources, existing };

  // Warm up both paths (module loading, JIT, luxon's zone caches) before measuring either.
  findProblems(draft, context);
  const problems = findProblems(draft, context);
  const conflicted = [
    ...new Set(problems.flatMap((p) => [p.item.id, ...(p.code === 'overlap' ? [p.with!.id] : [])])),
  ].sort();
  for (const id of conflicted.slice(0, 5)) suggestRepairs(draft, context, id);

  const baselineRuns = Array.from({ length: 3 }, () => timed(() => findProblems(draft, context)).ms).sort(
    (a, b) => a - b,
  );
  const baseline = percentile(baselineRuns, 50);

  const oneConflict: number[] = [];
  let suggestions = 0;
  for (let round = 0; round < 3; round++) {
    for (const id of conflicted) {
      const { ms, result } = timed(() => suggestRepairs(draft, context, id));
      oneConflict.push(ms);
      suggestions += result?.suggestions.length ?? 0;
    }
  }
  oneConflict.sort((a, b) => a - b);
  const p50 = percentile(oneConflict, 50);
  const p95 = percentile(oneConflict, 95);

  const fixAll = timed(() => planFixAll(draft, context));
  const plan = fixAll.result;

  // The plan, applied, leaves nothing new wrong: checked with the board's own conflict function.
  const doc = docWith(items);
  applyMoves(doc, plan.moves);
  const before = new Set(problems.map((p) => `${p.code}|${p.item.id}|${p.with?.id ?? ''}`));
  const after = findProblems(snapshot(doc), context);
  const created = after.filter((p) => !before.has(`${p.code}|${p.item.id}|${p.with?.id ?? ''}`)).length;

  console.log(
    `Draft: ${ROOMS} rooms, ${SESSIONS} sessions, ${existing.length} live bookings; ${problems.length} problems on ${conflicted.length} items`,
  );
  console.log(
    `Baseline, findProblems over the draft: p50 ${round(baseline)} ms (of ${baselineRuns.map((ms) => round(ms)).join(', ')})`,
  );
  console.log(
    `One conflict's suggestions (${oneConflict.length} runs, ${round(suggestions / oneConflict.length)} suggestions each on average): p50 ${round(p50)} ms, p95 ${round(p95)} ms (target < 50 ms); ${round(baseline / p50)}× faster than the baseline`,
  );
  console.log(
    `Fix all: ${round(fixAll.ms)} ms (target < 2000 ms) for ${plan.stats.troubled} troubled items; moved ${plan.stats.moved} (fewest possible ${plan.stats.fewestPossible}), ${plan.stats.unresolved} unresolved; ${after.length} problems left, ${created} new; ${round(fixAll.ms / baseline, 2)}× the baseline`,
  );
  printResult({
    bench: 'suggestions',
    rooms: ROOMS,
    sessions: SESSIONS,
    troubledItems: conflicted.length,
    baselineFindProblemsMs: round(baseline),
    oneConflictP50Ms: round(p50),
    oneConflictP95Ms: round(p95),
    oneConflictVsBaseline: round(baseline / p50),
    fixAllMs: round(fixAll.ms),
    fixAllVsBaseline: round(fixAll.ms / baseline, 2),
    moved: plan.stats.moved,
    fewestPossible: plan.stats.fewestPossible,
    unresolved: plan.stats.unresolved,
    problemsLeft: after.length,
    newProblems: created,
  });
  if (created > 0) process.exitCode = 1;
}

main();
