import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/operations/accounts/api-keys';
import { pruneIdempotencyKeys, runIdempotently } from '../../db/operations/idempotency/idempotency-keys';
import { bookings, idempotencyKeys, workshopRegistrations } from '../../db/schema/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { createWorkshopWithSession } from '../support/workshops';

describe.skipIf(needsPostgres('tests/faults/idempotency.test.ts › Idempotency-Key on bookings and registrations'))(
  'Idempotency-Key',
  () => {
    let database: TestDatabase;
    let api: ApiServer;
    let oolite: OrgFixture;
    let bakehouse: OrgFixture;
    let roomId: string;
    let bakeRoomId: string;
    let sessionId: string;

    beforeAll(async () => {
      database = await createTestDatabase({ maxConnections: 20 });
      api = await startApiServer(database.db, {
        registrationRateLimits: {
          perIp: { limit: 1_000, windowMs: 3_600_000 },
          perEmail: { limit: 1_000, windowMs: 3_600_000 },
        },
      });
      oolite = await createOrgWithKeys(database.db, 'oolite');
      bakehouse = await createOrgWithKeys(database.db, 'bakehouse');
      roomId = (await createTestResource(database.db, oolite.org.id, { title: 'Kiln' })).id;
      bakeRoomId = (await createTestResource(database.db, bakehouse.org.id, { title: 'Kiln' })).id;
      const classroom = await createTestResource(database.db, oolite.org.id, { title: 'Classroom' });
      sessionId = (
        await createWorkshopWithSession(database.db, {
          orgId: oolite.org.id,
          resourceId: classroom.id,
          slug: 'risograph',
          capacity: 2,
          startsAt: '2030-04-02T22:00:00Z',
          endsAt: '2030-04-03T00:00:00Z',
        })
      ).session.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.close();
    });

    const book = (key: string, body: object, idempotencyKey: string, org = 'oolite') =>
      api.request('POST', `/orgs/${org}/bookings`, { key, body, headers: { 'Idempotency-Key': idempotencyKey } });
    const firing = (day: string, title = 'Firing') => ({
      resourceId: roomId,
      title,
      startsAt: `2030-03-${day}T14:00:00Z`,
      endsAt: `2030-03-${day}T16:00:00Z`,
    });
    const bookingsOn = async (resourceId: string) =>
      database.db.select().from(bookings).where(eq(bookings.resourceId, resourceId));

    it('answers a retry with the first booking, without booking again', async () => {
      const first = await book(oolite.staffKey, firing('04'), 'retry-1');
      const retry = await book(oolite.staffKey, firing('04'), 'retry-1');
      expect(first.status).toBe(201);
      expect(retry).toEqual(first);
      const rows = (await bookingsOn(roomId)).filter((b) => b.startsAt.toISOString() === '2030-03-04T14:00:00.000Z');
      expect(rows.map((b) => b.id)).toEqual([first.body.id]);
    });

    it('marks a replayed answer', async () => {
      await book(oolite.staffKey, firing('05'), 'marked');
      const response = await fetch(`${api.baseUrl}/api/v1/orgs/oolite/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${oolite.staffKey}`,
          'content-type': 'application/json',
          'idempotency-key': 'marked',
        },
        body: JSON.stringify(firing('05')),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('idempotent-replayed')).toBe('true');
    });

    it('books once when the same request arrives twenty times at once', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => book(oolite.staffKey, firing('06'), 'herd')),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      const rows = (await bookingsOn(roomId)).filter((b) => b.startsAt.toISOString() === '2030-03-06T14:00:00.000Z');
      expect(rows).toHaveLength(1);
    });

    it('refuses the same key with another body, naming Idempotency-Key, and writes nothing', async () => {
      const first = await book(oolite.staffKey, firing('07'), 'reused');
      expect(first.status).toBe(201);
      const other = await book(oolite.staffKey, firing('08', 'Another firing'), 'reused');
      expect(other.status).toBe(422);
      expect(other.body.error.fields).toHaveProperty('Idempotency-Key');
      const rows = (await bookingsOn(roomId)).filter((b) => b.startsAt.toISOString() === '2030-03-08T14:00:00.000Z');
      expect(rows).toHaveLength(0);
    });

    it('keeps keys apart per organization and per API key', async () => {
      const ours = await book(oolite.staffKey, firing('09'), 'shared-key');
      const theirs = await book(
        bakehouse.staffKey,
        { ...firing('09'), resourceId: bakeRoomId },
        'shared-key',
        'bakehouse',
      );
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(ours.body.id);
      // Another key of the same organization is another client: its request is new work (here, a clash).
      const { key: otherKey } = await createApiKey(database.db, { orgId: oolite.org.id, role: 'staff', name: 'other' });
      const clash = await book(otherKey, firing('09'), 'shared-key');
      expect(clash.status).toBe(409);
      expect(clash.body.error.conflicts[0].id).toBe(ours.body.id);
    });

    it('does not keep a refused answer: the same key may try again once the way is clear', async () => {
      const blocker = await book(oolite.staffKey, firing('10', 'Blocker'), 'blocker');
      const refused = await book(oolite.staffKey, firing('10', 'Late'), 'late');
      expect(refused.status).toBe(409);
      await api.request('POST', `/orgs/oolite/bookings/${blocker.body.id}/cancel`, { key: oolite.staffKey, body: {} });
      const again = await book(oolite.staffKey, firing('10', 'Late'), 'late');
      expect(again.status).toBe(201);
    });

    it('refuses a malformed key with a 422 naming Idempotency-Key', async () => {
      for (const bad of ['x'.repeat(256), 'café', 'a b']) {
        const response = await book(oolite.staffKey, firing('11'), bad);
        expect(response.status).toBe(422);
        expect(response.body.error.fields).toHaveProperty('Idempotency-Key');
      }
      expect((await bookingsOn(roomId)).filter((b) => b.title === 'Firing' && b.startsAt.getUTCDate() === 11)).toEqual(
        [],
      );
    });

    it('answers a retried registration with the first registration and its manage token', async () => {
      const register = (key: string) =>
        api.request('POST', `/orgs/oolite/sessions/${sessionId}/registrations`, {
          body: { name: 'Ana', email: 'ana@example.org' },
          headers: { 'Idempotency-Key': key },
        });
      const answers = await Promise.all([register('ana-1'), register('ana-1'), register('ana-1')]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(answers[1].body).toEqual(answers[0].body);
      expect(answers[2].body).toEqual(answers[0].body);
      const rows = await database.db
        .select()
        .from(workshopRegistrations)
        .where(and(eq(workshopRegistrations.sessionId, sessionId), eq(workshopRegistrations.email, 'ana@example.org')));
      expect(rows.map((r) => r.id)).toEqual([answers[0].body.id]);
      // Without the key, the same request is a second registration: refused as a duplicate.
      const unkeyed = await api.request('POST', `/orgs/oolite/sessions/${sessionId}/registrations`, {
        body: { name: 'Ana', email: 'ana@example.org' },
      });
      expect(unkeyed.status).toBe(409);
    });

    it('forgets keys after a day: the worker prunes them and an old key starts afresh', async () => {
      const request = {
        orgId: oolite.org.id,
        scope: 'public',
        key: 'daily',
        method: 'POST',
        path: '/x',
        body: { a: 1 },
      };
      let runs = 0;
      const work = async () => ({ status: 200, body: { run: ++runs } });
      const monday = new Date('2030-03-04T09:00:00-05:00');
      const mondayEvening = new Date('2030-03-04T21:00:00-05:00');
      const tuesdayLate = new Date('2030-03-05T09:00:01-05:00');
      expect((await runIdempotently(database.db, { ...request, now: monday }, work)).body).toEqual({ run: 1 });
      expect(await runIdempotently(database.db, { ...request, now: mondayEvening }, work)).toMatchObject({
        body: { run: 1 },
        replayed: true,
      });
      expect((await runIdempotently(database.db, { ...request, now: tuesdayLate }, work)).body).toEqual({ run: 2 });
      const stored = () => database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'daily'));
      await pruneIdempotencyKeys(database.db, new Date('2030-03-06T08:59:59-05:00'));
      expect(await stored()).toHaveLength(1);
      await pruneIdempotencyKeys(database.db, new Date('2030-03-06T09:00:02-05:00'));
      expect(await stored()).toHaveLength(0);
    });
  },
);
