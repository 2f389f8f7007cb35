import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { createSession, deleteSession } from './auth-sessions';
import { createOrganization } from './organizations';
import { findStaffSessions, MOST_SESSIONS_PER_CHECK } from './staff-sessions';
import { ensureUserWithRole } from './users';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const NOW = new Date('2030-06-01T12:00:00Z');

describe('findStaffSessions', () => {
  it('answers, of many sessions at once, those still signed in as staff or admin of the organization', async () => {
    const { db } = database;
    const org = await createOrganization(db, { slug: 'roll', name: 'Roll', timeZone: 'America/New_York' });
    const other = await createOrganization(db, { slug: 'other', name: 'Other', timeZone: 'America/New_York' });
    const member = async (email: string, role: 'admin' | 'staff' | 'resident', orgId = org.id) => {
      const user = await ensureUserWithRole(db, { orgId, email, name: email, role });
      return { user, token: (await createSession(db, user.id, NOW)).token };
    };
    const admin = await member('admin@roll.test', 'admin');
    const staff = await member('staff@roll.test', 'staff');
    const resident = await member('resident@roll.test', 'resident');
    const elsewhere = await member('staff@other.test', 'staff', other.id);
    const leaver = await member('leaver@roll.test', 'staff');
    await deleteSession(db, leaver.token);
    const expired = await ensureUserWithRole(db, { orgId: org.id, email: 'old@roll.test', name: 'Old', role: 'staff' });
    const expiredToken = (await createSession(db, expired.id, new Date('2029-01-01T00:00:00Z'))).token;

    const found = await findStaffSessions(
      db,
      org.id,
      [admin.token, staff.token, resident.token, elsewhere.token, leaver.token, expiredToken, 'no-such-token'],
      NOW,
    );
    expect(Object.fromEntries(found)).toEqual({ [admin.token]: admin.user.id, [staff.token]: staff.user.id });
    expect((await findStaffSessions(db, org.id, [], NOW)).size).toBe(0);
  });

  it('refuses more sessions than one check may hold', async () => {
    const tokens = Array.from({ length: MOST_SESSIONS_PER_CHECK + 1 }, (_, i) => `token-${i}`);
    await expect(findStaffSessions(database.db, '00000000-0000-4000-8000-000000000000', tokens)).rejects.toThrow(
      RangeError,
    );
  });
});
