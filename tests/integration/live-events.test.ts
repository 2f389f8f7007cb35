import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKINGS_CHANGED, WATCH_ORGANIZATION, type WatchReply } from '../../app/live-events';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { assertBuilt, freePort, startProcess, type RunningProcess } from '../support/processes';
import { loadContext, memberWithSession } from '../support/remix';

let database: TestDatabase;
const processes: RunningProcess[] = [];
const sockets: Socket[] = [];
const urls: string[] = [];
let studio: OrgFixture;
let gallery: OrgFixture;
const rooms: Record<string, string> = {};
const cookies: Record<string, string> = {};

/** A web process of its own: live events must reach sockets on every instance, not only the one written through. */
async function startWeb(): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const web = startProcess('server.ts', ['web'], {
    DATABASE_URL: database.url!,
    DEMO: '0',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    PUBLIC_URL: url,
    COLLAB_URL: 'ws://127.0.0.1:9/collab',
    COLLAB_SERVICE_TOKEN: 'live-events-service-token-0123456789abcdef',
  });
  processes.push(web);
  await web.waitFor(/API reference/, 60_000);
  return url;
}

function connect(url: string, cookie?: string): Socket {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

const watch = (socket: Socket, orgSlug: string) =>
  socket.timeout(10_000).emitWithAck(WATCH_ORGANIZATION, orgSlug) as Promise<WatchReply>;

/** Counts the changes a socket is told of. */
function changesSeen(socket: Socket): { count: number } {
  const seen = { count: 0 };
  socket.on(BOOKINGS_CHANGED, () => seen.count++);
  return seen;
}

async function book(url: string, org: OrgFixture, hour: number) {
  const response = await fetch(`${url}/api/v1/orgs/${org.org.slug}/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${org.staffKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceId: rooms[org.org.slug],
      title: `Crit ${hour}`,
      startsAt: `2030-04-02T${hour}:00:00Z`,
      endsAt: `2030-04-02T${hour}:30:00Z`,
    }),
  });
  expect(response.status).toBe(201);
}

describe.skipIf(needsPostgres('tests/integration/live-events.test.ts'))('live booking changes over socket.io', () => {
  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase();
    studio = await createOrgWithKeys(database.db, 'live-studio');
    gallery = await createOrgWithKeys(database.db, 'live-gallery');
    for (const org of [studio, gallery])
      rooms[org.org.slug] = (await createTestResource(database.db, org.org.id, { title: 'Project room' })).id;
    const context = loadContext(database.db);
    cookies.staff = (await memberWithSession(context, studio.org.id, 'staff@live.test', 'staff')).cookie;
    cookies.resident = (await memberWithSession(context, studio.org.id, 'resident@live.test', 'resident')).cookie;
    cookies.galleryAdmin = (await memberWithSession(context, gallery.org.id, 'admin@gallery.test', 'admin')).cookie;
    urls.push(await startWeb(), await startWeb());
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await database?.close();
  });

  it('refuses a socket without a session', async () => {
    const socket = connect(urls[0]);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('Sign in first');
  });

  it('lets only staff of the organization watch it', async () => {
    expect(await watch(connect(urls[0], cookies.resident), 'live-studio')).toEqual({
      error: 'Not allowed: only staff of live-studio see its bookings live',
    });
    expect(await watch(connect(urls[0], cookies.galleryAdmin), 'live-studio')).toMatchObject({
      error: expect.stringMatching(/^Not allowed/),
    });
    expect(await watch(connect(urls[0], cookies.staff), 42 as unknown as string)).toEqual({
      error: 'orgSlug: must be a string',
    });
  });

  it('tells staff on every web process when their bookings change, and nobody else', async () => {
    const onA = connect(urls[0], cookies.staff);
    const onB = connect(urls[1], cookies.staff);
    const galleryWatcher = connect(urls[1], cookies.galleryAdmin);
    expect([
      await watch(onA, 'live-studio'),
      await watch(onB, 'live-studio'),
      await watch(galleryWatcher, 'live-gallery'),
    ]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const [seenA, seenB, seenGallery] = [onA, onB, galleryWatcher].map(changesSeen);

    await book(urls[0], studio, 15);
    await expect.poll(() => [seenA.count, seenB.count], { timeout: 10_000 }).toEqual([1, 1]);
    // The gallery's own change arrives after the studio's (commit order): by then a leak would show.
    await book(urls[0], gallery, 15);
    await expect.poll(() => seenGallery.count, { timeout: 10_000 }).toBe(1);
    expect([seenA.count, seenB.count]).toEqual([1, 1]);
  });
});
