import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerForSession } from '../../db/operations/registrations/registrations';
import { rateLimits, workshopRegistrations } from '../../db/schema/index';
import { startWorker } from '../../workers/index';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource } from '../support/fixtures';
import { createWorkshopWithSession } from '../support/workshops';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('the worker', () => {
  it('passes a lapsed waitlist offer to the next person on its regular sweep', async () => {
    const { org } = await createOrgWithKeys(database.db, 'oolite');
    const room = await createTestResource(database.db, org.id);
    const { session } = await createWorkshopWithSession(database.db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'kiln',
      capacity: 1,
      startsAt: '2030-06-04T22:00:00Z',
      endsAt: '2030-06-05T00:00:00Z',
    });
    const register = (name: string) =>
      registerForSession(database.db, {
        orgId: org.id,
        sessionId: session.id,
        name,
        email: `${name}@example.org`,
        audience: 'public',
        baseUrl: 'http://localhost:3000',
        now: new Date('2030-05-01T12:00:00Z'),
      });
    const seated = await register('ana');
    const first = await register('bo');
    const second = await register('cy');
    // Bo holds an offer that lapsed long ago (a fixed past instant, so the real clock is always later).
    await database.db
      .update(workshopRegistrations)
      .set({ status: 'cancelled' })
      .where(eq(workshopRegistrations.id, seated.registration.id));
    await database.db
      .update(workshopRegistrations)
      .set({
        status: 'offered',
        waitlistPosition: null,
        offerExpiresAt: new Date('2020-01-01T00:00:00Z'),
        offerTokenHash: 'lapsed',
      })
      .where(eq(workshopRegistrations.id, first.registration.id));
    await database.db
      .update(workshopRegistrations)
      .set({ waitlistPosition: 1 })
      .where(eq(workshopRegistrations.id, second.registration.id));

    const worker = await startWorker({
      handle: database,
      logger: pino({ level: 'silent' }),
      email: { from: 'Infra24 <no-reply@infra24.local>' },
      publicUrl: 'http://localhost:3000',
      sweepIntervalMs: 50,
    });
    const status = async (id: string) =>
      (await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.id, id)))[0].status;
    await expect.poll(() => status(second.registration.id), { timeout: 5_000 }).toBe('offered');
    await worker.stop();
    expect(await status(first.registration.id)).toBe('cancelled');
  });

  it('prunes rate-limit windows older than a day on its regular sweep', async () => {
    const dayAndAHourAgo = new Date(Date.now() - 25 * 3_600_000);
    await database.db.insert(rateLimits).values([
      { key: 'sweep:old', windowStart: dayAndAHourAgo, hits: 1 },
      { key: 'sweep:current', windowStart: new Date(), hits: 1 },
    ]);
    const worker = await startWorker({
      handle: database,
      logger: pino({ level: 'silent' }),
      email: { from: 'Infra24 <no-reply@infra24.local>' },
      publicUrl: 'http://localhost:3000',
      sweepIntervalMs: 50,
    });
    const keys = async () => (await database.db.select().from(rateLimits)).map((row) => row.key).sort();
    await expect.poll(keys, { timeout: 5_000 }).toEqual(['sweep:current']);
    await worker.stop();
  });
});
