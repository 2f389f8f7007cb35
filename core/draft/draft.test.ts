import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findProblems, plannedItems, type ResourceFacts } from './conflicts';
import { diffDraft } from './diff';
import { addDraftItems, readDraft } from './model';

const ROOM = '11111111-1111-4111-8111-111111111111';
const KILN = '22222222-2222-4222-8222-222222222222';
const resources = new Map<string, ResourceFacts>([
  [
    ROOM,
    {
      id: ROOM,
      title: 'Classroom',
      capacity: 12,
      timeZone: 'America/New_York',
      bookable: true,
      availabilityRules: { weekly: { tue: [{ start: '09:00', end: '21:00' }] } },
    },
  ],
  [KILN, { id: KILN, title: 'Kiln', capacity: 1, timeZone: 'America/New_York', bookable: true, availabilityRules: {} }],
]);
// Tuesday 2030-03-05 (EST): 18:00 local = 23:00Z.
const at = (hour: number) => new Date(Date.UTC(2030, 2, 5, hour)).toISOString();

function draftWith(items: Parameters<typeof addDraftItems>[1]) {
  const doc = new Y.Doc();
  let n = 0;
  addDraftItems(doc, items, () => `gen-${++n}`);
  return readDraft(doc);
}

describe('draft problems', () => {
  it('reports every overlap, with both sides named, and bookings made elsewhere', () => {
    const draft = draftWith({
      workshops: [{ key: 'print', title: 'Screen printing', capacity: 10, tags: [], isPublic: true }],
      sessions: [
        { id: 's1', workshopKey: 'print', resourceId: ROOM, startsAt: at(23), endsAt: at(25) },
        { id: 's2', workshopKey: 'print', resourceId: ROOM, startsAt: at(24), endsAt: at(26) },
      ],
      blocks: [{ id: 'b1', title: 'Maintenance', resourceId: ROOM, startsAt: at(25), endsAt: at(27) }],
    });
    const problems = findProblems(draft, {
      resources,
      existing: [
        {
          id: 'live-1',
          title: 'Private event',
          resourceId: ROOM,
          startsAt: new Date(at(26)),
          endsAt: new Date(at(28)),
        },
      ],
    });
    const hard = problems.filter((p) => p.severity === 'hard').map((p) => [p.code, p.item.id, p.with?.id]);
    expect(hard).toEqual(
      expect.arrayContaining([
        ['overlap', 's1', 's2'],
        ['overlap', 's2', 'b1'],
        ['booked_elsewhere', 'b1', 'live-1'],
      ]),
    );
    expect(hard).toHaveLength(3); // s1 [23,25) and b1 [25,27) only touch
  });

  it('warns (softly) outside opening hours and above the room capacity', () => {
    const draft = draftWith({
      workshops: [{ key: 'big', title: 'Big class', capacity: 30, tags: [], isPublic: true }],
      sessions: [{ id: 's1', workshopKey: 'big', resourceId: ROOM, startsAt: at(12), endsAt: at(13) }],
    });
    const codes = findProblems(draft, { resources, existing: [] }).map((p) => [p.severity, p.code]);
    expect(codes).toEqual([
      ['soft', 'outside_availability'],
      ['soft', 'over_capacity'],
    ]);
  });

  it('refuses unknown resources and workshops', () => {
    const draft = draftWith({
      sessions: [{ id: 's1', workshopKey: 'ghost', resourceId: ROOM, startsAt: at(23), endsAt: at(24) }],
      blocks: [
        {
          id: 'b1',
          title: 'Nowhere',
          resourceId: '33333333-3333-4333-8333-333333333333',
          startsAt: at(23),
          endsAt: at(24),
        },
      ],
    });
    expect(
      findProblems(draft, { resources, existing: [] })
        .map((p) => p.code)
        .sort(),
    ).toEqual(['unknown_resource', 'unknown_workshop']);
  });
});

describe('draft diff', () => {
  it('tells added, moved, changed, removed and unchanged apart', () => {
    const draft = draftWith({
      workshops: [{ key: 'w', title: 'Clay', capacity: 8, tags: [], isPublic: true }],
      sessions: [
        { id: 'same', workshopKey: 'w', resourceId: KILN, startsAt: at(14), endsAt: at(15) },
        { id: 'moved', workshopKey: 'w', resourceId: KILN, startsAt: at(16), endsAt: at(17) },
        { id: 'new', workshopKey: 'w', resourceId: KILN, startsAt: at(18), endsAt: at(19) },
        { id: 'bigger', workshopKey: 'w', resourceId: KILN, startsAt: at(20), endsAt: at(21), capacity: 9 },
      ],
    });
    const published = (id: string, hour: number, registrations = 0) => ({
      draftId: id,
      kind: 'session' as const,
      bookingId: `bk-${id}`,
      title: 'Clay',
      resourceId: KILN,
      startsAt: new Date(at(hour)),
      endsAt: new Date(at(hour + 1)),
      capacity: null,
      workshopKey: 'w',
      registrations,
    });
    const diff = diffDraft(plannedItems(draft), [
      published('same', 14),
      published('moved', 15, 3),
      published('bigger', 20),
      published('gone', 22, 2),
    ]);
    expect(diff.added.map((e) => e.id)).toEqual(['new']);
    expect(diff.moved).toEqual([
      expect.objectContaining({ id: 'moved', registrations: 3, before: expect.objectContaining({ startsAt: at(15) }) }),
    ]);
    expect(diff.changed.map((e) => e.id)).toEqual(['bigger']);
    expect(diff.removed).toEqual([expect.objectContaining({ id: 'gone', registrations: 2 })]);
    expect(diff.unchanged).toBe(1);
  });
});
