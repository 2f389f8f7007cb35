import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { findProblems } from '../../core/draft/conflicts';
import { draftMaps, readDraft, toYMap } from '../../core/draft/model';
import { seasonDocumentName } from '../../core/draft/document-name';
import { startApiServer, type ApiServer } from '../support/api-server';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession } from '../support/remix';

let database: TestDatabase;
let api: ApiServer;
let collab: CollabServer;
let socketServer: http.Server;
let fixture: OrgFixture;
let roomId: string;
let seasonId: string;
let coEditor: DraftClient;

beforeAll(async () => {
  database = await createTestDatabase();
  collab = createCollabServer({
    db: database.db,
    logger: pino({ level: 'silent' }),
    debounceMs: 50,
    maxDebounceMs: 200,
  });
  socketServer = http.createServer();
  socketServer.on('upgrade', (request, socket, head) => void collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => socketServer.listen(0, '127.0.0.1', resolve));
  api = await startApiServer(database.db, { drafts: collab.drafts });
  fixture = await createOrgWithKeys(database.db, 'drafty');
  roomId = (await createTestResource(database.db, fixture.org.id, { title: 'Print studio' })).id;
  const season = await api.request('POST', '/orgs/drafty/seasons', {
    key: fixture.staffKey,
    body: { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' },
  });
  seasonId = season.body.id;
  const { cookie } = await memberWithSession(loadContext(database.db), fixture.org.id, 'editor@drafty.test', 'staff');
  coEditor = connectDraft({
    url: `ws://127.0.0.1:${(socketServer.address() as AddressInfo).port}/collab`,
    name: seasonDocumentName(fixture.org.id, seasonId),
    cookie,
  });
  await coEditor.ready;
  // What a co-editor's browser can write straight into the shared document, past any API validation.
  const maps = draftMaps(coEditor.doc);
  coEditor.doc.transact(() => {
    maps.workshops.set('clay', toYMap({ key: 'clay', title: 'Clay', capacity: -5, tags: [], isPublic: true }));
    maps.workshops.set('riso', toYMap({ key: 'riso', title: 'Riso', capacity: 8, tags: [], isPublic: true }));
    const session = { workshopKey: 'riso', resourceId: roomId, startsAt: '2030-03-05T23:00:00Z' };
    maps.sessions.set('huge', toYMap({ ...session, id: 'huge', endsAt: '2030-03-06T01:00:00Z', capacity: 1e9 }));
    maps.sessions.set('garbage', toYMap({ ...session, id: 'garbage', startsAt: 'next tuesday', endsAt: 'soon' }));
    maps.blocks.set(
      'no-room',
      toYMap({
        id: 'no-room',
        title: 'Cleaning',
        resourceId: 'room-1',
        startsAt: '2030-03-07T15:00:00Z',
        endsAt: '2030-03-07T16:00:00Z',
      }),
    );
    maps.sessions.set('not-an-item', 42 as never);
  });
  await coEditor.settled();
});
afterAll(async () => {
  coEditor?.close();
  await api?.close();
  await collab?.close();
  socketServer?.close();
  await database?.close();
});

const EXPECTED_FIELDS = [
  'workshops.clay.capacity',
  'sessions.huge.capacity',
  'sessions.garbage.startsAt',
  'sessions.garbage.endsAt',
  'blocks.no-room.resourceId',
];

describe('draft items written wrong through the collab socket', () => {
  it('are problems on the board, each naming the item and the field', () => {
    const problems = findProblems(readDraft(coEditor.doc), { resources: new Map(), existing: [] });
    const invalid = problems.filter((p) => p.code === 'invalid_item');
    expect(invalid.map((p) => `${p.item.kind}s.${p.item.id}.${p.field}`)).toEqual(
      expect.arrayContaining(EXPECTED_FIELDS),
    );
    expect(invalid.every((p) => p.severity === 'hard' && p.message.includes(p.field!))).toBe(true);
  });

  it('the dry run reports them as bad input instead of failing', async () => {
    const response = await api.request('POST', `/orgs/drafty/seasons/${seasonId}/publish?dryRun=1`, {
      key: fixture.staffKey,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(Object.keys(response.body.error.fields)).toEqual(expect.arrayContaining(EXPECTED_FIELDS));
    expect(response.body.dryRun).toBe(true);
  });

  it('publishing is refused with the same report, and writes nothing', async () => {
    const response = await api.request('POST', `/orgs/drafty/seasons/${seasonId}/publish`, { key: fixture.staffKey });
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.error.code).toBe('validation');
    expect(Object.keys(response.body.error.fields)).toEqual(expect.arrayContaining(EXPECTED_FIELDS));
    const rows = await database.db.execute(sql`select count(*)::int as n from bookings`);
    expect((rows.rows[0] as { n: number }).n).toBe(0);
  });
});
