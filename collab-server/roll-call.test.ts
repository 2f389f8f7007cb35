import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, deleteSession } from '../db/operations/accounts/auth-sessions';
import { createOrganization } from '../db/operations/accounts/organizations';
import { ensureUserWithRole } from '../db/operations/accounts/users';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { GATHER_MS, RollCall } from './roll-call';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('RollCall', () => {
  it('answers each co-editor of gathered background checks, per organization, and a waiting check at once', async () => {
    const { db } = database;
    const member = async (orgId: string, email: string, role: 'staff' | 'resident') => {
      const user = await ensureUserWithRole(db, { orgId, email, name: email, role });
      return { id: user.id, token: (await createSession(db, user.id)).token };
    };
    const spring = await createOrganization(db, { slug: 'spring', name: 'Spring', timeZone: 'America/New_York' });
    const fall = await createOrganization(db, { slug: 'fall', name: 'Fall', timeZone: 'America/New_York' });
    const [ana, ben, cal, dee] = [
      await member(spring.id, 'ana@spring.test', 'staff'),
      await member(spring.id, 'ben@spring.test', 'resident'),
      await member(fall.id, 'cal@fall.test', 'staff'),
      await member(spring.id, 'dee@spring.test', 'staff'),
    ];
    await deleteSession(db, dee.token);
    const rollCall = new RollCall(db);

    const started = performance.now();
    const gathered = Promise.all([
      rollCall.staffUser(spring.id, ana.token, { waiting: false }),
      rollCall.staffUser(spring.id, ben.token, { waiting: false }),
      rollCall.staffUser(fall.id, cal.token, { waiting: false }),
      rollCall.staffUser(spring.id, dee.token, { waiting: false }),
      rollCall.staffUser(fall.id, ana.token, { waiting: false }),
    ]);
    let gatheredAnswered = false;
    void gathered.then(() => (gatheredAnswered = true));
    expect(await rollCall.staffUser(spring.id, ana.token, { waiting: true })).toBe(ana.id);
    expect(gatheredAnswered).toBe(false);
    expect(await gathered).toEqual([ana.id, undefined, cal.id, undefined, undefined]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(GATHER_MS - 1);
  });
});
