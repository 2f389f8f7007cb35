import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftMaps, readDraft, toYMap } from '../../core/draft/model';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { createSeason, loadDraftState } from '../../db/operations/seasons/seasons';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { startCollabProcess, type CollabProcess } from '../support/collab-processes';
import { createTestDatabase, needsPostgres, needsRedisServer, type TestDatabase } from '../support/database';
import { STAFF_ACTOR } from '../support/fixtures';
import { freePort, type RunningProcess } from '../support/processes';
import { redisServerProgram, startOwnRedis, uniqueRedisPrefix, type OwnRedis } from '../support/redis';
import { loadContext, memberWithSession } from '../support/remix';
import { seasonDocumentName } from '../../core/draft/document-name';

const SUITE = 'tests/integration/collab-redis-outage.test.ts';
const ROOM = '11111111-1111-4111-8111-111111111111';
const ACROSS = { timeout: 30_000, interval: 50 };

let database: TestDatabase;
let redis: OwnRedis;
let seasonId: string;
let ana: DraftClient;
let jo: DraftClient;
let first: CollabProcess;
let second: CollabProcess;
const running: RunningProcess[] = [];

const block = (id: string) =>
  toYMap({ id, title: id, resourceId: ROOM, startsAt: '2030-04-06T14:00:00Z', endsAt: '2030-04-06T15:00:00Z' });
const blockIds = (doc: Y.Doc) => Object.keys(readDraft(doc).blocks).sort();

async function storedBlockIds(): Promise<string[]> {
  const state = await loadDraftState(database.db, seasonId);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return blockIds(doc);
}

describe.skipIf(needsPostgres(SUITE) || needsRedisServer(SUITE))('collab processes while their Redis is down', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startOwnRedis(redisServerProgram()!, await freePort());
    const context = loadContext(database.db);
    const org = await createOrganization(database.db, { slug: 'outage', name: 'Outage', timeZone: 'America/New_York' });
    const season = await createSeason(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      season: { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' },
    });
    seasonId = season.id;
    const cookie = (await memberWithSession(context, org.id, 'ana@outage.test', 'staff')).cookie;
    const options = {
      databaseUrl: database.url!,
      redisUrl: redis.url,
      redisPrefix: uniqueRedisPrefix(),
      started: running,
    };
    [first, second] = await Promise.all([startCollabProcess(options), startCollabProcess(options)]);
    const name = seasonDocumentName(org.id, season.id);
    ana = connectDraft({ url: first.url, name, cookie });
    jo = connectDraft({ url: second.url, name, cookie });
    await Promise.all([ana.ready, jo.ready]);
  }, 180_000);

  afterAll(async () => {
    ana?.close();
    jo?.close();
    await Promise.all(running.map((process) => process.stop()));
    await redis?.kill();
    await database?.close();
  });

  it('keeps every edit in PostgreSQL while Redis is down, and the copies meet again once it is back', async () => {
    draftMaps(ana.doc).blocks.set('before', block('before'));
    await expect.poll(() => blockIds(jo.doc), ACROSS).toEqual(['before']);

    await redis.kill();
    await Promise.all([first, second].map(({ process }) => process.waitFor(/Redis unreachable/, 30_000)));
    // Each process goes on serving its own co-editors and stores what they change.
    draftMaps(ana.doc).blocks.set('while-down-on-first', block('while-down-on-first'));
    draftMaps(jo.doc).blocks.set('while-down-on-second', block('while-down-on-second'));
    await Promise.all([ana.settled(), jo.settled()]);
    await expect.poll(storedBlockIds, ACROSS).toEqual(['before', 'while-down-on-first', 'while-down-on-second']);
    // Nothing carries an edit from one process to the other meanwhile.
    expect([blockIds(ana.doc), blockIds(jo.doc)]).toEqual([
      ['before', 'while-down-on-first'],
      ['before', 'while-down-on-second'],
    ]);

    // Back (empty, as after a restart): both copies catch up without waiting for another edit.
    await redis.start();
    const everything = ['before', 'while-down-on-first', 'while-down-on-second'];
    await expect.poll(() => blockIds(ana.doc), ACROSS).toEqual(everything);
    await expect.poll(() => blockIds(jo.doc), ACROSS).toEqual(everything);
    draftMaps(jo.doc).blocks.set('after', block('after'));
    await expect.poll(() => blockIds(ana.doc), ACROSS).toEqual(['after', ...everything]);
  }, 120_000);
});
