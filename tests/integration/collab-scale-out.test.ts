import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftMaps, readDraft, toYMap } from '../../core/draft/model';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { createSeason, loadDraftState } from '../../db/operations/seasons/seasons';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { startCollabProcess, TEST_SERVICE_TOKEN, type CollabProcess } from '../support/collab-processes';
import { createTestDatabase, needsPostgres, needsRedis, type TestDatabase } from '../support/database';
import { STAFF_ACTOR } from '../support/fixtures';
import { runProcess, type RunningProcess } from '../support/processes';
import { reachableRedisUrl, uniqueRedisPrefix } from '../support/redis';
import { loadContext, memberWithSession } from '../support/remix';
import { seasonDocumentName } from '../../core/draft/document-name';

const SUITE = 'tests/integration/collab-scale-out.test.ts';
const ROOM = '11111111-1111-4111-8111-111111111111';
/** What crosses from one process to the other goes through Redis: on a loaded machine that can take a while. */
const ACROSS = { timeout: 30_000, interval: 50 };

let database: TestDatabase;
let seasonId: string;
let documentName: string;
const cookies: Record<'ana' | 'jo', string> = { ana: '', jo: '' };
const redisPrefix = uniqueRedisPrefix();
const running: RunningProcess[] = [];
const clients: DraftClient[] = [];
let first: CollabProcess;
let second: CollabProcess;
/** The blocks every co-editor ended up with, once both processes' edits met. */
let converged: string[] = [];

function startCollab(): Promise<CollabProcess> {
  return startCollabProcess({
    databaseUrl: database.url!,
    redisUrl: reachableRedisUrl()!,
    redisPrefix,
    started: running,
  });
}

function open(to: CollabProcess, who: keyof typeof cookies): DraftClient {
  const client = connectDraft({ url: to.url, name: documentName, cookie: cookies[who] });
  clients.push(client);
  return client;
}

const block = (id: string) =>
  toYMap({ id, title: id, resourceId: ROOM, startsAt: '2030-04-06T14:00:00Z', endsAt: '2030-04-06T15:00:00Z' });
const blockIds = (doc: Y.Doc) => Object.keys(readDraft(doc).blocks).sort();
const presentNames = (client: DraftClient) =>
  [...(client.provider.awareness?.getStates().values() ?? [])]
    .map((state) => (state.user as { name?: string } | undefined)?.name)
    .filter(Boolean)
    .sort();

describe.skipIf(needsPostgres(SUITE) || needsRedis(SUITE))('several collab processes through Redis', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const context = loadContext(database.db);
    const org = await createOrganization(database.db, {
      slug: 'scale-out',
      name: 'Scale out',
      timeZone: 'America/New_York',
    });
    const season = await createSeason(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      season: { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' },
    });
    seasonId = season.id;
    documentName = seasonDocumentName(org.id, season.id);
    cookies.ana = (await memberWithSession(context, org.id, 'ana@scale-out.test', 'staff')).cookie;
    cookies.jo = (await memberWithSession(context, org.id, 'jo@scale-out.test', 'admin')).cookie;
    [first, second] = await Promise.all([startCollab(), startCollab()]);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(running.map((process) => process.stop()));
    await database?.close();
  });

  it('says at start-up that it passes documents on through Redis', () => {
    expect(first.process.output()).toContain(`Collab scale-out: through Redis at ${reachableRedisUrl()}`);
  });

  it('shows an edit made through one process to a co-editor on the other, both ways', async () => {
    const ana = open(first, 'ana');
    const jo = open(second, 'jo');
    await Promise.all([ana.ready, jo.ready]);
    draftMaps(ana.doc).sessions.set(
      's1',
      toYMap({
        id: 's1',
        workshopKey: 'print',
        resourceId: ROOM,
        startsAt: '2030-03-10T22:00:00Z',
        endsAt: '2030-03-11T00:00:00Z',
      }),
    );
    await expect.poll(() => Object.keys(readDraft(jo.doc).sessions), ACROSS).toEqual(['s1']);
    draftMaps(jo.doc).blocks.set('install', block('install'));
    await expect.poll(() => blockIds(ana.doc), ACROSS).toEqual(['install']);
    // A co-editor joining later on either process gets both edits at once.
    const late = open(second, 'ana');
    await late.ready;
    expect([Object.keys(readDraft(late.doc).sessions), blockIds(late.doc)]).toEqual([['s1'], ['install']]);
  });

  it('shows who is on the board across processes', async () => {
    const ana = open(first, 'ana');
    const jo = open(second, 'jo');
    await Promise.all([ana.ready, jo.ready]);
    ana.provider.setAwarenessField('user', { name: 'Ana', color: '#aa3355' });
    jo.provider.setAwarenessField('user', { name: 'Jo', color: '#3355aa' });
    await expect.poll(() => presentNames(jo), ACROSS).toEqual(['Ana', 'Jo']);
    await expect.poll(() => presentNames(ana), ACROSS).toEqual(['Ana', 'Jo']);
  });

  it('converges when co-editors on both processes edit at the same time', async () => {
    const ana = open(first, 'ana');
    const jo = open(second, 'jo');
    await Promise.all([ana.ready, jo.ready]);
    const expected = ['install'];
    // Spread over a few store debounces, so both processes store the season while the other edits.
    for (let i = 0; i < 25; i++) {
      draftMaps(ana.doc).blocks.set(`ana-${i}`, block(`ana-${i}`));
      draftMaps(jo.doc).blocks.set(`jo-${i}`, block(`jo-${i}`));
      expected.push(`ana-${i}`, `jo-${i}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Taken out on the other process from the one that added it: deletions cross too.
    draftMaps(jo.doc).blocks.delete('ana-0');
    draftMaps(ana.doc).blocks.delete('jo-0');
    expected.splice(expected.indexOf('ana-0'), 1);
    expected.splice(expected.indexOf('jo-0'), 1);
    expected.sort();
    await Promise.all([ana.settled(), jo.settled()]);
    await expect.poll(() => blockIds(ana.doc), ACROSS).toEqual(expected);
    await expect.poll(() => blockIds(jo.doc), ACROSS).toEqual(expected);
    converged = expected;
  }, 90_000);

  it('has every edit in PostgreSQL once both processes stopped, and a fresh process loads them all', async () => {
    const expected = converged;
    expect(expected).toHaveLength(49);
    // Stopped with co-editors still connected: each process stores what its own clients changed.
    expect(await Promise.all([first.process.stop(), second.process.stop()])).toEqual([0, 0]);
    for (const client of clients) client.close();
    const stored = await loadDraftState(database.db, seasonId);
    const fromDatabase = new Y.Doc();
    Y.applyUpdate(fromDatabase, stored!);
    expect([Object.keys(readDraft(fromDatabase).sessions), blockIds(fromDatabase)]).toEqual([['s1'], expected]);

    // A fresh process (no other holds the season, so nothing comes through Redis) loads the same.
    const fresh = await startCollab();
    const reader = open(fresh, 'jo');
    await reader.ready;
    expect([Object.keys(readDraft(reader.doc).sessions), blockIds(reader.doc)]).toEqual([['s1'], expected]);
  }, 150_000);
});

describe('a collab process whose Redis cannot be reached', () => {
  it('stops at start-up with a message naming REDIS_URL', async () => {
    const result = await runProcess('server.ts', ['collab'], {
      REDIS_URL: 'redis://:not-shown@127.0.0.1:1',
      COLLAB_SERVICE_TOKEN: TEST_SERVICE_TOKEN,
      DATABASE_URL: 'postgres://127.0.0.1:1/none',
      PORT: '0',
      DEMO: '0',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /REDIS_URL: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 cannot be reached \(connect ECONNREFUSED/,
    );
    expect(result.stderr).not.toContain('not-shown');
  }, 60_000);
});
