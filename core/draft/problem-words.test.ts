import { describe, expect, it } from 'vitest';
import { findProblems } from './conflicts';
import { explainProblem } from './problem-reasons';
import { createTimeFormatter } from '../time-format';
import { describeReason, describeSuggestion, type TimeWords, timeWordsOf } from './problem-words';
import { docWith, ROOM_IDS, ROOMS, snapshot, tuesday, ZONE } from './repair-fixtures';
import { suggestRepairs } from './suggestions';

const items = {
  workshops: [
    { key: 'print', title: 'Intro to Screen Printing', capacity: 10, tags: [], isPublic: true },
    { key: 'riso', title: 'Risograph basics', capacity: 16, tags: [], isPublic: true },
  ],
  sessions: [
    {
      id: 'print-1',
      workshopKey: 'print',
      resourceId: ROOM_IDS.classroom1,
      startsAt: tuesday(18),
      endsAt: tuesday(20),
    },
    { id: 'riso-1', workshopKey: 'riso', resourceId: ROOM_IDS.classroom1, startsAt: tuesday(19), endsAt: tuesday(22) },
  ],
};
const draft = snapshot(docWith(items));
const rental = {
  id: 'rental',
  title: 'Private rental',
  resourceId: ROOM_IDS.classroom1,
  startsAt: new Date(tuesday(21)),
  endsAt: new Date(tuesday(23)),
};
const context = { draft, resources: ROOMS, timeZone: ZONE };
const words = (id: string, formatters?: TimeWords) =>
  findProblems(draft, { resources: ROOMS, existing: [rental] })
    .filter((p) => p.item.id === id)
    .map((p) => describeReason(explainProblem(p, context), formatters));

describe('trouble in words', () => {
  it('says why, with the other side, the opening hours that day and the seats', () => {
    expect(words('riso-1')).toEqual([
      'outside opening hours 9:00 AM – 9:00 PM',
      '16 seats in a room for 12',
      'overlaps the booking "Private rental" in Classroom 1, Tue, Dec 8, 2026, 9:00 – 11:00 PM',
    ]);
    expect(words('print-1')).toEqual(['overlaps "Risograph basics" in Classroom 1, Tue, Dec 8, 2026, 7:00 – 10:00 PM']);
  });

  it('gives the structured reason a page can lay out itself', () => {
    const [overlap] = findProblems(draft, { resources: ROOMS, existing: [] }).filter((p) => p.code === 'overlap');
    expect(explainProblem(overlap, context)).toEqual({
      code: 'overlap',
      other: {
        kind: 'session',
        id: 'riso-1',
        title: 'Risograph basics',
        resourceId: ROOM_IDS.classroom1,
        resourceTitle: 'Classroom 1',
        startsAt: tuesday(19),
        endsAt: tuesday(22),
        timeZone: ZONE,
      },
    });
    const hours = findProblems(draft, { resources: ROOMS, existing: [] }).find(
      (p) => p.code === 'outside_availability',
    )!;
    expect(explainProblem(hours, context)).toEqual({
      code: 'outside_availability',
      resourceId: ROOM_IDS.classroom1,
      resourceTitle: 'Classroom 1',
      timeZone: ZONE,
      date: '2026-12-08',
      hours: [{ startsAt: tuesday(9), endsAt: tuesday(21) }],
    });
  });

  it("writes times with the caller's formatters", () => {
    const formatters: TimeWords = {
      formatRange: (start, end, zone) => `[${start.toISOString()}/${end.toISOString()} ${zone}]`,
      formatTimeRange: (start, end) => `<${start.getUTCHours()}h–${end.getUTCHours()}h>`,
    };
    expect(words('riso-1', formatters)).toEqual([
      'outside opening hours <14h–2h>',
      '16 seats in a room for 12',
      `overlaps the booking "Private rental" in Classroom 1, [${tuesday(21)}/${tuesday(23)} ${ZONE}]`,
    ]);
  });

  it('writes every time in the organization voice when given its formatter, a 24-hour clock here', () => {
    const voice = timeWordsOf(createTimeFormatter({ timeZone: ZONE, clock: '24h' }));
    expect(words('riso-1', voice)).toEqual([
      'outside opening hours 09:00 – 21:00',
      '16 seats in a room for 12',
      'overlaps the booking "Private rental" in Classroom 1, Tue, Dec 8, 2026, 21:00 – 23:00',
    ]);
  });

  it('says what a suggestion does', () => {
    const result = suggestRepairs(draft, { resources: ROOMS, existing: [] }, 'print-1')!;
    expect(result.suggestions.map((s) => describeSuggestion(s, ROOMS)).slice(0, 3)).toEqual([
      'move to Classroom 2, same time',
      'move to Big hall, same time',
      'move to Tue, Dec 8, 2026, 5:00 – 7:00 PM',
    ]);
  });
});
