import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/database';
import type { DatabaseHandle } from '../../client';
import { authSessions, authTokens, rateLimits, users } from '../../schema/index';
import { pruneAccountsHousekeeping } from './pruning';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const NOW = new Date('2030-06-01T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe('the housekeeping sweep', () => {
  it('deletes old rate-limit windows, spent tokens and expired sessions, and keeps what still counts', async () => {
    const { db } = database;
    const [user] = await db.insert(users).values({ email: 'prune@example.org', name: 'Prune' }).returning();
    await db.insert(rateLimits).values([
      { key: 'old', windowStart: hoursAgo(30), hits: 3 },
      { key: 'current', windowStart: hoursAgo(1), hits: 3 },
    ]);
    const token = (tokenHash: string, values: { usedAt?: Date; expiresAt: Date }) => ({
      purpose: 'magic_link' as const,
      tokenHash,
      email: 'prune@example.org',
      userId: user.id,
      ...values,
    });
    await db
      .insert(authTokens)
      .values([
        token('used-long-ago', { usedAt: hoursAgo(48), expiresAt: hoursAgo(47) }),
        token('used-just-now', { usedAt: hoursAgo(1), expiresAt: hoursAgo(-1) }),
        token('expired-long-ago', { expiresAt: hoursAgo(30) }),
        token('still-valid', { expiresAt: hoursAgo(-1) }),
      ]);
    await db.insert(authSessions).values([
      { userId: user.id, tokenHash: 'expired-session', expiresAt: hoursAgo(1) },
      { userId: user.id, tokenHash: 'live-session', expiresAt: hoursAgo(-24) },
    ]);

    expect(await pruneAccountsHousekeeping(db, NOW)).toEqual({ rateLimits: 1, tokens: 2, sessions: 1 });
    expect((await db.select().from(rateLimits)).map((row) => row.key)).toEqual(['current']);
    expect((await db.select().from(authTokens)).map((row) => row.tokenHash).sort()).toEqual([
      'still-valid',
      'used-just-now',
    ]);
    expect((await db.select().from(authSessions)).map((row) => row.tokenHash)).toEqual(['live-session']);
    expect(await pruneAccountsHousekeeping(db, NOW)).toEqual({ rateLimits: 0, tokens: 0, sessions: 0 });
  });
});
