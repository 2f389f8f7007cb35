import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { draftMaps, readDraft } from '../../core/draft/model';
import { startApiServer, type ApiServer } from '../support/api-server';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { loadContext, memberWithSession } from '../support/remix';
import { seasonDocumentName } from '../../core/draft/document-name';

let database: TestDatabase;
let api: ApiServer;
let apiWithoutDrafts: ApiServer;
let collab: CollabServer;
let socketServer: http.Server;
let fixture: OrgFixture;
let other: OrgFixture;
let roomId: string;
let coEditor: DraftClient;
let seasonId: string;

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
  apiWithoutDrafts = await startApiServer(database.db);
  fixture = await createOrgWithKeys(database.db, 'season-org');
  other = await createOrgWithKeys(database.db, 'other-org');
  roomId = (await createTestResource(database.db, fixture.org.id, { title: 'Print studio' })).id;
});
afterAll(async () => {
  coEditor?.close();
  await api?.close();
  await apiWithoutDrafts?.close();
  await collab?.close();
  socketServer?.close();
  await database?.close();
});

const call = (method: string, path: string, body?: unknown, key = fixture.staffKey) =>
  api.request(method, `/orgs/season-org${path}`, { key, body });

describe('seasons over the API, on the live draft', () => {
  it('creates a season and refuses a backwards one, naming the field', async () => {
    const bad = await call('POST', '/seasons', { name: 'Backwards', startsOn: '2030-05-01', endsOn: '2030-03-01' });
    expect([bad.status, Object.keys(bad.body.error.fields)]).toEqual([422, ['endsOn']]);
    const created = await call('POST', '/seasons', {
      name: 'Spring 2030',
      startsOn: '2030-03-01',
      endsOn: '2030-05-31',
    });
    expect(created.status).toBe(201);
    seasonId = created.body.id;
    expect((await call('GET', '/seasons')).body.seasons.map((s: { name: string }) => s.name)).toEqual(['Spring 2030']);
  });

  it('adds items to the live draft: a co-editor sees them appear', async () => {
    const context = loadContext(database.db);
    const { cookie } = await memberWithSession(context, fixture.org.id, 'planner@season.test', 'staff');
    coEditor = connectDraft({
      url: `ws://127.0.0.1:${(socketServer.address() as AddressInfo).port}/collab`,
      name: seasonDocumentName(fixture.org.id, seasonId),
      cookie,
    });
    await coEditor.ready;
    const added = await call('POST', `/seasons/${seasonId}/draft/items`, {
      workshops: [
        {
          key: 'riso',
          title: 'Risograph printing',
          capacity: 8,
          tags: ['print'],
          description: 'Two colours.\n\nBring a drawing.',
        },
      ],
      sessions: [
        {
          id: 'riso-1',
          workshopKey: 'riso',
          resourceId: roomId,
          startsAt: '2030-03-05T23:00:00Z',
          endsAt: '2030-03-06T01:00:00Z',
        },
        { workshopKey: 'riso', resourceId: roomId, startsAt: '2030-03-12T22:00:00Z', endsAt: '2030-03-13T00:00:00Z' },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body.sessions).toHaveLength(2);
    await expect
      .poll(() => Object.keys(readDraft(coEditor.doc).sessions).sort())
      .toEqual([...added.body.sessions].sort());
    const draft = await call('GET', `/seasons/${seasonId}/draft`);
    expect(draft.body.workshops.riso.descriptionHtml).toBe('<p>Two colours.</p><p>Bring a drawing.</p>');
  });

  it('dry-runs, publishes, and shows the report to every co-editor', async () => {
    const dry = await call('POST', `/seasons/${seasonId}/publish?dryRun=1`);
    expect([dry.status, dry.body.published, dry.body.diff.added.length]).toEqual([200, false, 2]);
    const published = await call('POST', `/seasons/${seasonId}/publish`);
    expect([published.status, published.body.published, published.body.revision]).toEqual([200, true, 1]);
    await expect
      .poll(() => (draftMaps(coEditor.doc).publish.get('last') as { revision?: number } | undefined)?.revision)
      .toBe(1);
    const bookings = await call('GET', `/bookings?from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z`);
    expect(bookings.body.bookings.map((b: { title: string; source: string }) => [b.title, b.source])).toEqual([
      ['Risograph printing', 'publish'],
      ['Risograph printing', 'publish'],
    ]);
  });

  it('answers 409 naming both sides when the draft overlaps a booking, and publishes nothing', async () => {
    const blocker = await call('POST', '/bookings', {
      resourceId: roomId,
      title: 'Private rental',
      startsAt: '2030-03-19T22:00:00Z',
      endsAt: '2030-03-20T02:00:00Z',
    });
    expect(blocker.status).toBe(201);
    await call('POST', `/seasons/${seasonId}/draft/items`, {
      sessions: [
        {
          id: 'riso-3',
          workshopKey: 'riso',
          resourceId: roomId,
          startsAt: '2030-03-19T23:00:00Z',
          endsAt: '2030-03-20T01:00:00Z',
        },
      ],
    });
    const refused = await call('POST', `/seasons/${seasonId}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.conflicts).toEqual([
      expect.objectContaining({
        code: 'booked_elsewhere',
        item: expect.objectContaining({ id: 'riso-3', title: 'Risograph printing' }),
        with: expect.objectContaining({ id: blocker.body.id, title: 'Private rental' }),
      }),
    ]);
    const bookings = await call('GET', `/bookings?from=2030-03-19T00:00:00Z&to=2030-03-21T00:00:00Z`);
    expect(bookings.body.bookings.map((b: { title: string }) => b.title)).toEqual(['Private rental']);
  });

  it("keeps seasons to their organization's keys, and says so when no draft is reachable", async () => {
    const foreign = await api.request('GET', `/orgs/season-org/seasons/${seasonId}/draft`, { key: other.adminKey });
    expect(foreign.status).toBe(403);
    const viaOther = await api.request('GET', `/orgs/other-org/seasons/${seasonId}/draft`, { key: other.adminKey });
    expect(viaOther.status).toBe(404);
    const noCollab = await apiWithoutDrafts.request('GET', `/orgs/season-org/seasons/${seasonId}/draft`, {
      key: fixture.staffKey,
    });
    expect([noCollab.status, noCollab.body.error.code]).toEqual([503, 'unavailable']);
  });
});
