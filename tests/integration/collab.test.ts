import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppLoadContext } from '@remix-run/node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { draftMaps, readDraft } from '../../core/draft/model';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { createSeason, loadDraftState } from '../../db/operations/seasons/seasons';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { STAFF_ACTOR } from '../support/fixtures';
import { freePort, startProcess } from '../support/processes';
import { loadContext, memberWithSession } from '../support/remix';
import { seasonDocumentName } from '../../core/draft/document-name';

let database: TestDatabase;
let context: AppLoadContext;
let server: http.Server;
let collab: CollabServer;
let url: string;
let documentName: string;
const cookies: Record<string, string> = {};
const clients: DraftClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  const org = await createOrganization(database.db, { slug: 'board', name: 'Board', timeZone: 'America/New_York' });
  const other = await createOrganization(database.db, {
    slug: 'elsewhere',
    name: 'Elsewhere',
    timeZone: 'America/New_York',
  });
  const season = await createSeason(database.db, {
    orgId: org.id,
    actor: STAFF_ACTOR,
    season: { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' },
  });
  documentName = seasonDocumentName(org.id, season.id);
  cookies.ana = (await memberWithSession(context, org.id, 'ana@board.test', 'staff')).cookie;
  cookies.jo = (await memberWithSession(context, org.id, 'jo@board.test', 'admin')).cookie;
  cookies.resident = (await memberWithSession(context, org.id, 'res@board.test', 'resident')).cookie;
  cookies.outsider = (await memberWithSession(context, other.id, 'x@elsewhere.test', 'admin')).cookie;
  collab = createCollabServer({
    db: database.db,
    logger: pino({ level: 'silent' }),
    debounceMs: 50,
    maxDebounceMs: 200,
  });
  server = http.createServer();
  server.on('upgrade', (request, socket, head) => void collab.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab`;
});
afterAll(async () => {
  for (const client of clients) client.close();
  await collab?.close();
  server?.close();
  await database?.close();
});

function open(cookie: string | undefined, name = documentName): DraftClient {
  const client = connectDraft({ url, name, cookie });
  clients.push(client);
  return client;
}

describe('the collab server', () => {
  it('refuses anonymous, resident and other-organization connections, and unknown documents', async () => {
    await expect(open(undefined).ready).rejects.toThrow();
    await expect(open(cookies.resident).ready).rejects.toThrow();
    await expect(open(cookies.outsider).ready).rejects.toThrow();
    await expect(
      open(cookies.ana, documentName.replace(/season:.*/, 'season:00000000-0000-4000-8000-000000000000')).ready,
    ).rejects.toThrow();
  });

  it('lets two staff members edit at once; both converge and the state is stored', async () => {
    const ana = open(cookies.ana);
    const jo = open(cookies.jo);
    await Promise.all([ana.ready, jo.ready]);
    draftMaps(ana.doc).blocks.set(
      'install',
      new (await import('yjs')).Map(
        Object.entries({
          id: 'install',
          title: 'Install week',
          resourceId: '11111111-1111-4111-8111-111111111111',
          startsAt: '2030-03-04T14:00:00Z',
          endsAt: '2030-03-08T22:00:00Z',
        }),
      ),
    );
    const Y = await import('yjs');
    const session = new Y.Map<unknown>(
      Object.entries({
        id: 's1',
        workshopKey: 'print',
        resourceId: '11111111-1111-4111-8111-111111111111',
        startsAt: '2030-03-10T22:00:00Z',
        endsAt: '2030-03-11T00:00:00Z',
      }),
    );
    draftMaps(jo.doc).sessions.set('s1', session);
    await Promise.all([ana.settled(), jo.settled()]);
    await expect.poll(() => Object.keys(readDraft(ana.doc).sessions)).toEqual(['s1']);
    await expect.poll(() => Object.keys(readDraft(jo.doc).blocks)).toEqual(['install']);
    // Stored within the debounce: a fresh document loaded from the database has both edits.
    await expect
      .poll(async () => {
        const state = await loadDraftState(database.db, documentName.split(':')[3]);
        if (!state) return [];
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        return [Object.keys(readDraft(doc).blocks), Object.keys(readDraft(doc).sessions)];
      })
      .toEqual([['install'], ['s1']]);
  });
});

describe.skipIf(needsPostgres('tests/integration/collab.test.ts › a crash of the collab process'))(
  'a crash of the collab process',
  () => {
    it('loses no edit the server acknowledged: the client sends it again after the restart', async () => {
      const port = await freePort();
      const env = {
        DATABASE_URL: database.url!,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        COLLAB_SERVICE_TOKEN: 'a-service-token-for-tests-0123456789abcdef',
      };
      let collabProcess = startProcess('server.ts', ['collab'], env);
      await collabProcess.waitFor(/API reference/);
      const crashUrl = `ws://127.0.0.1:${port}/collab`;
      const writer = connectDraft({ url: crashUrl, name: documentName, cookie: cookies.ana });
      clients.push(writer);
      await writer.ready;
      const Y = await import('yjs');
      draftMaps(writer.doc).blocks.set(
        'late-edit',
        new Y.Map<unknown>(
          Object.entries({
            id: 'late-edit',
            title: 'Acknowledged, not yet stored',
            resourceId: '11111111-1111-4111-8111-111111111111',
            startsAt: '2030-04-01T14:00:00Z',
            endsAt: '2030-04-01T15:00:00Z',
          }),
        ),
      );
      await writer.settled();
      // Killed inside the store debounce (1 s): the server never wrote this edit.
      expect(await collabProcess.stop('SIGKILL')).toBe(null);
      collabProcess = startProcess('server.ts', ['collab'], env);
      await collabProcess.waitFor(/API reference/);
      await writer.settled();
      const reader = connectDraft({ url: crashUrl, name: documentName, cookie: cookies.jo });
      clients.push(reader);
      await reader.ready;
      await expect.poll(() => Object.keys(readDraft(reader.doc).blocks), { timeout: 15_000 }).toContain('late-edit');
      writer.close();
      reader.close();
      expect(await collabProcess.stop('SIGTERM')).toBe(0);
    }, 60_000);
  },
);
