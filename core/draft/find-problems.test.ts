import { describe, expect, it } from 'vitest';
import { isWithinAvailability, type AvailabilityRules } from '../availability';
import {
  findProblems,
  plannedItems,
  type ExistingBooking,
  type PlannedItem,
  type Problem,
  type ProblemSide,
  type ResourceFacts,
} from './conflicts';
import { invalidItemProblems, withoutInvalidItems } from './item-checks';
import type { DraftSnapshot } from './model';
import { seededRandom } from './repair-fixtures';

const ZONE = 'America/New_York';
const HOUR = 3_600_000;
const nineToNine = { start: '09:00', end: '21:00' };

/**
 * The problems as the plainest code finds them: each item's opening hours asked of
 * isWithinAvailability, every pair of occupants of a room compared. The side named first in an
 * overlap is the one that starts first (the earlier listed on a tie), a draft item before a booking.
 */
function plainProblems(
  written: DraftSnapshot,
  context: { resources: Map<string, ResourceFacts>; existing: ExistingBooking[] },
): Problem[] {
  const problems = invalidItemProblems(written);
  const draft = withoutInvalidItems(written, problems);
  const side = (item: PlannedItem | ExistingBooking, kind: ProblemSide['kind']): ProblemSide => ({
    kind,
    id: item.id,
    title: item.title,
    resourceId: item.resourceId,
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
  });
  const occupants: { item: PlannedItem | ExistingBooking; kind: ProblemSide['kind'] }[] = [];
  for (const item of plannedItems(draft)) {
    const resource = context.resources.get(item.resourceId);
    const problem = (severity: 'hard' | 'soft', code: Problem['code'], message: string) =>
      problems.push({ severity, code, item: side(item, item.kind), message });
    if (!(item.endsAt > item.startsAt)) problem('hard', 'invalid_time', `"${item.title}" must end after it starts`);
    else if (item.kind === 'session' && item.workshopKey && !draft.workshops[item.workshopKey])
      problem('hard', 'unknown_workshop', `"${item.title}" refers to a workshop that is not in the draft`);
    else if (!resource)
      problem('hard', 'unknown_resource', `"${item.title}" is on a resource that does not exist (any more)`);
    else if (!resource.bookable)
      problem('hard', 'not_bookable', `"${item.title}" is on "${resource.title}", which cannot be booked`);
    else {
      occupants.push({ item, kind: item.kind });
      if (!isWithinAvailability(resource.availabilityRules, resource.timeZone, item.startsAt, item.endsAt))
        problem('soft', 'outside_availability', `"${item.title}" is outside the opening hours of "${resource.title}"`);
      if (item.kind === 'session' && item.capacity !== undefined && item.capacity > resource.capacity)
        problem(
          'soft',
          'over_capacity',
          `"${item.title}" has ${item.capacity} seats; "${resource.title}" holds ${resource.capacity}`,
        );
    }
  }
  for (const booking of context.existing) occupants.push({ item: booking, kind: 'booking' });
  for (const [i, a] of occupants.entries())
    for (const [j, b] of occupants.entries()) {
      const [aStart, bStart] = [a.item.startsAt.getTime(), b.item.startsAt.getTime()];
      const aFirst = aStart < bStart || (aStart === bStart && i < j);
      if (!aFirst || a.item.resourceId !== b.item.resourceId || (a.kind === 'booking' && b.kind === 'booking'))
        continue;
      if (!(b.item.startsAt < a.item.endsAt && a.item.startsAt < b.item.endsAt)) continue;
      const [planned, other] = a.kind === 'booking' ? [b, a] : [a, b];
      const room = context.resources.get(planned.item.resourceId)?.title ?? 'the resource';
      const what = other.kind === 'booking' ? 'the booking ' : '';
      problems.push({
        severity: 'hard',
        code: other.kind === 'booking' ? 'booked_elsewhere' : 'overlap',
        item: side(planned.item, planned.kind),
        with: side(other.item, other.kind),
        message: `"${planned.item.title}" overlaps ${what}"${other.item.title}" on "${room}"`,
      });
    }
  return problems;
}

const RULES: AvailabilityRules[] = [
  { weekly: { mon: [nineToNine], tue: [nineToNine], wed: [nineToNine], thu: [nineToNine], fri: [nineToNine] } },
  {},
  {
    weekly: {
      sat: [{ start: '18:00', end: '24:00' }],
      sun: [
        { start: '00:00', end: '03:00' },
        { start: '10:00', end: '22:00' },
      ],
    },
    exceptions: [{ date: '2026-11-01', hours: [{ start: '01:30', end: '12:00' }] }],
    blackouts: [{ from: '2026-03-10', to: '2026-03-11' }],
  },
  {
    weekly: {
      ...Object.fromEntries(
        ['thu', 'fri', 'sat', 'sun', 'mon', 'tue'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]),
      ),
      wed: [{ start: '00:00', end: '12:00' }],
    },
  },
];

/**
 * A draft around the 2026 changes of the clocks in New York (8 March, 1 November): 12 rooms (one not
 * bookable), sessions and blocks of 15 minutes to 30 hours on a quarter-hour grid so that many
 * overlap and many run outside the hours, live bookings, and a few items that are wrong in
 * themselves (a date that is none, an unknown room or workshop, too many seats, ending before starting).
 */
function draftAroundTheChanges(seed: number) {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const resources = new Map<string, ResourceFacts>();
  const roomIds: string[] = [];
  for (let r = 0; r < 12; r++) {
    const id = `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    roomIds.push(id);
    resources.set(id, {
      id,
      title: `Room ${r}`,
      capacity: 12,
      timeZone: ZONE,
      bookable: r !== 11,
      availabilityRules: RULES[r % RULES.length],
    });
  }
  // Draft items may end before they start (a problem of their own); live bookings never do.
  const when = (backwards = pick(40) === 0) => {
    const around = ['2026-03-08T05:00:00Z', '2026-11-01T04:00:00Z'][pick(2)];
    const start = Date.parse(around) + (pick(6 * 96) - 3 * 96) * (HOUR / 4);
    const length = (pick(120) + 1) * (HOUR / 4) * (backwards ? -1 : 1);
    return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + length).toISOString() };
  };
  const room = () => (pick(40) === 0 ? '99999999-9999-4999-8999-999999999999' : roomIds[pick(roomIds.length)]);
  const draft: DraftSnapshot = {
    workshops: Object.fromEntries(
      [8, 12, 16].map((capacity, n) => [
        `w${n}`,
        { key: `w${n}`, title: `Workshop ${n}`, capacity, tags: [], isPublic: true },
      ]),
    ),
    sessions: {},
    blocks: {},
  };
  for (let n = 0; n < 400; n++) {
    const id = `s${n}`;
    draft.sessions[id] = {
      id,
      workshopKey: pick(50) === 0 ? 'gone' : `w${pick(3)}`,
      resourceId: room(),
      ...when(),
      ...(pick(20) === 0 ? { capacity: 30 } : {}),
    };
    if (pick(100) === 0) draft.sessions[id].startsAt = 'soon';
  }
  for (let n = 0; n < 60; n++)
    draft.blocks[`b${n}`] = { id: `b${n}`, title: `Block ${n}`, resourceId: room(), ...when() };
  const existing: ExistingBooking[] = Array.from({ length: 40 }, (_, n) => {
    const { startsAt, endsAt } = when(false);
    return {
      id: `k${n}`,
      title: `Rental ${n}`,
      resourceId: roomIds[pick(11)],
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
    };
  });
  return { draft, context: { resources, existing } };
}

const sorted = (problems: Problem[]) => problems.map((problem) => JSON.stringify(problem)).sort();

describe('findProblems', () => {
  it('finds what the plainest check finds on drafts around the changes of the clocks', () => {
    for (const seed of [1, 2, 3]) {
      const { draft, context } = draftAroundTheChanges(seed);
      const problems = findProblems(draft, context);
      expect(sorted(problems)).toEqual(sorted(plainProblems(draft, context)));
      // Every kind of trouble is in the comparison (an item ending before it starts is an invalid item).
      const codes = new Set(problems.map((problem) => problem.code));
      for (const code of [
        'overlap',
        'booked_elsewhere',
        'outside_availability',
        'over_capacity',
        'invalid_item',
        'unknown_resource',
        'unknown_workshop',
        'not_bookable',
      ])
        expect(codes, `seed ${seed}`).toContain(code);
    }
  });
});
