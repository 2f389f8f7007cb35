import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { createResource } from '../../db/operations/bookings/resources';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys, type OrgFixture } from '../support/fixtures';

let database: TestDatabase;
let api: ApiServer;
let apiWithoutDrafts: ApiServer;
let collab: CollabServer;
let fixture: OrgFixture;
let other: OrgFixture;
let seasonId: string;
const rooms: Record<string, string> = {};

// Tuesday 9 March 2027, EST: 18:00 local is 23:00Z. Rooms open 9:00–21:00 on weekdays.
const at = (hour: number, day = 0) => new Date(Date.UTC(2027, 2, 9 + day, 5) + hour * 3_600_000).toISOString();
const weekdays = [{ start: '09:00', end: '21:00' }];

beforeAll(async () => {
  database = await createTestDatabase();
  collab = createCollabServer({
    db: database.db,
    logger: pino({ level: 'silent' }),
    debounceMs: 50,
    maxDebounceMs: 200,
  });
  api = await startApiServer(database.db, { drafts: collab.drafts });
  apiWithoutDrafts = await startApiServer(database.db);
  fixture = await createOrgWithKeys(database.db, 'suggest-org');
  other = await createOrgWithKeys(database.db, 'suggest-other');
  for (const [name, capacity, type] of [
    ['Classroom 1', 12, 'space'],
    ['Classroom 2', 12, 'space'],
    ['Big hall', 40, 'space'],
    ['Kiln', 40, 'equipment'],
  ] as const) {
    const room = await createResource(database.db, {
      orgId: fixture.org.id,
      actor: ADMIN_ACTOR,
      input: {
        title: name,
        type,
        capacity,
        isBookable: true,
        requiresApproval: false,
        availabilityRules: { weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } },
        metadata: {},
      },
    });
    rooms[name] = room.id;
  }
});
afterAll(async () => {
  await api?.close();
  await apiWithoutDrafts?.close();
  await collab?.close();
  await database?.close();
});

const call = (path: string, body?: unknown, key = fixture.staffKey, server = api) =>
  server.request('POST', `/orgs/suggest-org${path}`, { key, body });

describe('POST /seasons/:id/draft/suggestions', () => {
  it('suggests repairs for one conflicting session, never into a room a live booking holds', async () => {
    const season = await call('/seasons', { name: 'Spring 2027', startsOn: '2027-03-01', endsOn: '2027-05-31' });
    seasonId = season.body.id;
    const rental = await call('/bookings', {
      resourceId: rooms['Classroom 2'],
      title: 'Private rental',
      startsAt: at(17),
      endsAt: at(21),
    });
    expect(rental.status).toBe(201);
    const added = await call(`/seasons/${seasonId}/draft/items`, {
      workshops: [
        { key: 'print', title: 'Intro to Screen Printing', capacity: 10 },
        { key: 'riso', title: 'Risograph basics', capacity: 10 },
      ],
      sessions: [
        { id: 'print-1', workshopKey: 'print', resourceId: rooms['Classroom 1'], startsAt: at(18), endsAt: at(20) },
        { id: 'riso-1', workshopKey: 'riso', resourceId: rooms['Classroom 1'], startsAt: at(19), endsAt: at(21) },
        { id: 'riso-2', workshopKey: 'riso', resourceId: rooms['Classroom 1'], startsAt: at(10, 1), endsAt: at(12, 1) },
      ],
    });
    expect(added.status).toBe(200);

    const answer = await call(`/seasons/${seasonId}/draft/suggestions`, { sessionId: 'print-1' });
    expect(answer.status).toBe(200);
    expect(answer.body.item).toEqual({ kind: 'session', id: 'print-1', title: 'Intro to Screen Printing' });
    expect(answer.body.troubles).toEqual(['overlap']);
    const first = answer.body.suggestions[0];
    // Classroom 2 is booked at that time: the hall is the other room of the same type that is free.
    expect(first).toEqual({
      kind: 'other_room',
      moves: [
        {
          kind: 'session',
          id: 'print-1',
          title: 'Intro to Screen Printing',
          from: { resourceId: rooms['Classroom 1'], startsAt: at(18), endsAt: at(20) },
          to: { resourceId: rooms['Big hall'], startsAt: at(18), endsAt: at(20) },
        },
      ],
      summary: 'move to Big hall, same time',
    });
    const targets = answer.body.suggestions.flatMap((s: { moves: { to: { resourceId: string } }[] }) =>
      s.moves.map((m) => m.to.resourceId),
    );
    expect(targets).not.toContain(rooms['Classroom 2']);
    expect(targets).not.toContain(rooms.Kiln);
    expect(answer.body.suggestions.map((s: { kind: string }) => s.kind)).toContain('move_other_side');

    const calm = await call(`/seasons/${seasonId}/draft/suggestions`, { sessionId: 'riso-2' });
    expect([calm.status, calm.body.troubles, calm.body.suggestions]).toEqual([200, [], []]);
  });

  it('answers a fix-all plan that moves one of the two and names nothing unresolved', async () => {
    const plan = await call(`/seasons/${seasonId}/draft/suggestions`, { all: true });
    expect(plan.status).toBe(200);
    expect(plan.body.all).toBe(true);
    expect(plan.body.stats).toEqual({ troubled: 2, moved: 1, fewestPossible: 1, unresolved: 0 });
    expect(plan.body.moves).toEqual([
      expect.objectContaining({
        id: 'riso-1',
        to: { resourceId: rooms['Big hall'], startsAt: at(19), endsAt: at(21) },
      }),
    ]);
  });

  it('refuses bad input with a 422 naming the field, and an unknown item with a 404 naming it', async () => {
    const path = `/seasons/${seasonId}/draft/suggestions`;
    const cases: [unknown, number, string][] = [
      [{}, 422, 'sessionId'],
      [{ all: false }, 422, 'all'],
      [{ sessionId: 'print-1', all: true }, 422, 'all'],
      [{ sessionId: '' }, 422, 'sessionId'],
      [{ sessionId: 'x'.repeat(81) }, 422, 'sessionId'],
      [{ sessionId: 'print-1', limit: 3 }, 422, ''],
      [{ sessionId: 'nope' }, 404, 'sessionId'],
      [{ sessionId: '__proto__' }, 404, 'sessionId'],
    ];
    for (const [body, status, field] of cases) {
      const answer = await call(path, body);
      expect([JSON.stringify(body), answer.status]).toEqual([JSON.stringify(body), status]);
      if (field) expect(Object.keys(answer.body.error.fields ?? {})).toContain(field);
    }
  });

  it("keeps another organization's key out, and answers 503 where drafts are not reachable", async () => {
    const foreign = await call(`/seasons/${seasonId}/draft/suggestions`, { all: true }, other.staffKey);
    expect(foreign.status).toBe(403);
    const theirs = await api.request('POST', `/orgs/suggest-other/seasons/${seasonId}/draft/suggestions`, {
      key: other.staffKey,
      body: { all: true },
    });
    expect(theirs.status).toBe(404);
    const apart = await call(
      `/seasons/${seasonId}/draft/suggestions`,
      { all: true },
      fixture.staffKey,
      apiWithoutDrafts,
    );
    expect(apart.status).toBe(503);
  });
});
