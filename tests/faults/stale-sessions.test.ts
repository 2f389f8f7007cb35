import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppLoadContext } from '@remix-run/node';
import { pino } from 'pino';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { attachLiveEvents, type LiveEvents } from '../../app/live-events.server';
import * as logoutRoute from '../../app/routes/logout';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { BOOKINGS_CHANGED, WATCH_ORGANIZATION, type WatchReply } from '../../app/live-events';
import { SESSION_RECHECK_MS } from '../../db/operations/accounts/session-cookie';
import { draftMaps, readDraft } from '../../core/draft/model';
import { createOrganization, type Organization } from '../../db/operations/accounts/organizations';
import { ensureUserWithRole } from '../../db/operations/accounts/users';
import { seasonDocumentName } from '../../core/draft/document-name';
import { createSeason, loadDraftState } from '../../db/operations/seasons/seasons';
import { connectDraft, type DraftClient } from '../support/collab-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { STAFF_ACTOR } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;
let org: Organization;
let server: http.Server;
let collab: CollabServer;
let live: LiveEvents;
let port: number;
let documentName: string;
let seasonId: string;
const drafts: DraftClient[] = [];
const sockets: Socket[] = [];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signOut(cookie: string) {
  const response = await respond(() =>
    logoutRoute.action({ request: request('/logout', { cookie, method: 'POST' }), params: {}, context }),
  );
  expect(response.status).toBe(302);
}

const demote = (email: string) =>
  ensureUserWithRole(database.db, { orgId: org.id, email, name: email.split('@')[0], role: 'resident' });

function addBlock(client: DraftClient, id: string) {
  draftMaps(client.doc).blocks.set(
    id,
    new Y.Map<unknown>(
      Object.entries({
        id,
        title: id,
        resourceId: '11111111-1111-4111-8111-111111111111',
        startsAt: '2030-03-04T14:00:00Z',
        endsAt: '2030-03-04T22:00:00Z',
      }),
    ),
  );
}

async function storedBlocks(): Promise<string[]> {
  const state = await loadDraftState(database.db, seasonId);
  if (!state) return [];
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return Object.keys(readDraft(doc, { descriptions: false }).blocks).sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  org = await createOrganization(database.db, { slug: 'stale', name: 'Stale', timeZone: 'America/New_York' });
  const season = await createSeason(database.db, {
    orgId: org.id,
    actor: STAFF_ACTOR,
    season: { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' },
  });
  seasonId = season.id;
  documentName = seasonDocumentName(org.id, season.id);
  collab = createCollabServer({
    db: database.db,
    logger: pino({ level: 'silent' }),
    debounceMs: 50,
    maxDebounceMs: 200,
  });
  server = http.createServer();
  server.on('upgrade', (req, socket, head) => void collab.handleUpgrade(req, socket, head));
  live = attachLiveEvents({ httpServer: server, db: database.db, logger: pino({ level: 'silent' }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const client of drafts) client.close();
  for (const socket of sockets) socket.disconnect();
  await live?.close();
  await collab?.close();
  server?.close();
  await database?.close();
});

describe('an open season board after sign-out or demotion', () => {
  it('stops writing the draft', async () => {
    const cookies = {
      leaver: (await memberWithSession(context, org.id, 'leaver@stale.test', 'staff')).cookie,
      demoted: (await memberWithSession(context, org.id, 'demoted@stale.test', 'staff')).cookie,
      admin: (await memberWithSession(context, org.id, 'admin@stale.test', 'admin')).cookie,
    };
    const open = (cookie: string) => {
      const client = connectDraft({ url: `ws://127.0.0.1:${port}/collab`, name: documentName, cookie });
      drafts.push(client);
      return client;
    };
    const [leaver, demoted, admin] = [open(cookies.leaver), open(cookies.demoted), open(cookies.admin)];
    await Promise.all([leaver.ready, demoted.ready, admin.ready]);
    addBlock(leaver, 'before-sign-out');
    await leaver.settled();

    await signOut(cookies.leaver);
    await demote('demoted@stale.test');
    await wait(SESSION_RECHECK_MS + 200);
    addBlock(leaver, 'after-sign-out');
    addBlock(demoted, 'after-demotion');
    await wait(500);
    addBlock(admin, 'admin-still-edits');
    await admin.settled();

    await expect.poll(storedBlocks).toContain('admin-still-edits');
    await wait(500);
    expect(await storedBlocks()).toEqual(['admin-still-edits', 'before-sign-out']);
    expect(Object.keys(readDraft(admin.doc, { descriptions: false }).blocks).sort()).toEqual([
      'admin-still-edits',
      'before-sign-out',
    ]);
  });

  it('cuts off a co-editor who never pauses within SESSION_RECHECK_MS of signing out', async () => {
    const cookies = {
      typist: (await memberWithSession(context, org.id, 'typist@stale.test', 'staff')).cookie,
      admin: (await memberWithSession(context, org.id, 'watcher@stale.test', 'admin')).cookie,
    };
    const typist = connectDraft({ url: `ws://127.0.0.1:${port}/collab`, name: documentName, cookie: cookies.typist });
    const admin = connectDraft({ url: `ws://127.0.0.1:${port}/collab`, name: documentName, cookie: cookies.admin });
    drafts.push(typist, admin);
    await Promise.all([typist.ready, admin.ready]);
    // An edit every 50 ms, named by when it was made: milliseconds after the sign-out (negative before).
    let signedOutAt: number | undefined;
    let before = 0;
    const typing = setInterval(() => {
      const id = signedOutAt === undefined ? `typing-before-${before++}` : `typing-${Date.now() - signedOutAt}`;
      addBlock(typist, id);
    }, 50);
    try {
      await wait(SESSION_RECHECK_MS + 300);
      signedOutAt = Date.now();
      await signOut(cookies.typist);
      await wait(SESSION_RECHECK_MS + 1_000);
    } finally {
      clearInterval(typing);
    }
    addBlock(admin, 'watcher-still-edits');
    await admin.settled();
    const seen = Object.keys(readDraft(admin.doc, { descriptions: false }).blocks);
    expect(seen).toContain('watcher-still-edits');
    // Edits kept flowing through the renewals before the sign-out…
    expect(seen.filter((id) => id.startsWith('typing-before-')).length).toBeGreaterThan(
      (SESSION_RECHECK_MS + 300) / 50 / 2,
    );
    // …and none made SESSION_RECHECK_MS or more after it got through.
    const after = seen.filter((id) => /^typing-\d+$/.test(id)).map((id) => Number(id.slice('typing-'.length)));
    expect(Math.max(0, ...after)).toBeLessThan(SESSION_RECHECK_MS);
  });
});

describe('live booking events after sign-out or demotion', () => {
  function connect(cookie: string): Socket {
    const socket = connectSocket(`http://127.0.0.1:${port}`, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  }

  it('stop reaching the signed-out and the demoted, who are disconnected', async () => {
    const cookies = {
      leaver: (await memberWithSession(context, org.id, 'live-leaver@stale.test', 'staff')).cookie,
      demoted: (await memberWithSession(context, org.id, 'live-demoted@stale.test', 'staff')).cookie,
      admin: (await memberWithSession(context, org.id, 'live-admin@stale.test', 'admin')).cookie,
    };
    const seen: Record<string, number> = { leaver: 0, demoted: 0, admin: 0 };
    const watchers: Record<string, Socket> = {};
    for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) {
      const socket = connect(cookies[name]);
      socket.on(BOOKINGS_CHANGED, () => seen[name]++);
      expect((await socket.timeout(10_000).emitWithAck(WATCH_ORGANIZATION, 'stale')) as WatchReply).toEqual({
        ok: true,
      });
      watchers[name] = socket;
    }
    live.bookingsChanged(org.id);
    await expect.poll(() => seen).toEqual({ leaver: 1, demoted: 1, admin: 1 });

    await signOut(cookies.leaver);
    await demote('live-demoted@stale.test');
    await wait(SESSION_RECHECK_MS + 200);
    live.bookingsChanged(org.id);
    await expect.poll(() => seen.admin).toBe(2);
    await expect.poll(() => [watchers.leaver.connected, watchers.demoted.connected]).toEqual([false, false]);
    expect([seen.leaver, seen.demoted]).toEqual([1, 1]);
  });

  it('refuses a signed-out socket’s next message', async () => {
    const cookie = (await memberWithSession(context, org.id, 'live-asker@stale.test', 'staff')).cookie;
    const socket = connect(cookie);
    expect(await socket.timeout(10_000).emitWithAck(WATCH_ORGANIZATION, 'stale')).toEqual({ ok: true });
    await signOut(cookie);
    await wait(SESSION_RECHECK_MS + 200);
    socket.emit(WATCH_ORGANIZATION, 'stale', () => undefined);
    await expect.poll(() => socket.connected).toBe(false);
  });
});
