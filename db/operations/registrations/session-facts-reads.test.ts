import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Executor } from '../../client';
import { createTestDatabase, needsPostgres } from '../../../tests/support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR } from '../../../tests/support/fixtures';
import { createWorkshopWithSession } from '../../../tests/support/workshops';
import { updateBooking } from '../bookings/bookings';
import { createSessionFactsReader } from './session-facts-reads';
import { requireSessionFacts } from '../workshops/workshop-sessions';

const NOW = new Date('2030-05-01T12:00:00Z');
let database: DatabaseHandle;
let orgId: string;
let sessionId: string;
let bookingId: string;

const skip = needsPostgres(
  'db/operations/registrations/session-facts-reads.test.ts (one read of a session for a crowd)',
);

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase();
  orgId = (await createOrgWithKeys(database.db, 'facts-reads')).org.id;
  const roomId = (await createTestResource(database.db, orgId, { title: 'Studio C' })).id;
  const created = await createWorkshopWithSession(database.db, {
    orgId,
    resourceId: roomId,
    slug: 'facts',
    capacity: 4,
    startsAt: '2030-06-04T22:00:00Z',
    endsAt: '2030-06-05T00:00:00Z',
  });
  ({
    session: { id: sessionId },
    booking: { id: bookingId },
  } = created);
});
afterAll(() => database?.close());

/** The real read, counted, optionally held after the query until `release` is called. */
function countedRead(options: { holdFirst?: boolean } = {}) {
  let reads = 0;
  let answered = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const read = async (db: Executor, org: string, session: string) => {
    const first = ++reads === 1;
    const facts = await requireSessionFacts(db, org, session);
    answered++;
    if (first && options.holdFirst) await held;
    return facts;
  };
  return { read, reads: () => reads, answered: () => answered, release };
}

describe.skipIf(skip)('reading a session for a crowd', () => {
  it('reads once for the first caller and once for all who asked meanwhile', async () => {
    const counted = countedRead();
    const reader = createSessionFactsReader(database.db, counted.read);
    const answers = await Promise.all(Array.from({ length: 10 }, () => reader.read(orgId, sessionId)));
    expect(counted.reads()).toBe(2);
    expect(new Set(answers.map((facts) => facts.id))).toEqual(new Set([sessionId]));
    expect(reader.busySessions).toBe(0);
  });

  it('gives a caller who asked during a read the next read, taken after it asked', async () => {
    const counted = countedRead({ holdFirst: true });
    const reader = createSessionFactsReader(database.db, counted.read);
    const early = reader.read(orgId, sessionId);
    await expect.poll(() => counted.answered()).toBe(1);
    const before = await requireSessionFacts(database.db, orgId, sessionId);
    await updateBooking(database.db, {
      orgId,
      actor: STAFF_ACTOR,
      now: NOW,
      id: bookingId,
      patch: { startsAt: '2030-06-11T22:00:00Z', endsAt: '2030-06-12T00:00:00Z' },
    });
    const late = reader.read(orgId, sessionId);
    counted.release();
    expect((await early).sequence).toBe(before.sequence);
    expect((await late).sequence).toBe(before.sequence + 1);
  });

  it('tells every caller that an unknown session is unknown, and keeps nobody waiting', async () => {
    const reader = createSessionFactsReader(database.db);
    const unknown = randomUUID();
    const answers = await Promise.allSettled(Array.from({ length: 3 }, () => reader.read(orgId, unknown)));
    expect(answers.map((a) => a.status === 'rejected' && (a.reason as { code: string }).code)).toEqual([
      'not_found',
      'not_found',
      'not_found',
    ]);
    expect(reader.busySessions).toBe(0);
  });
});
