import { eq, sql } from 'drizzle-orm';
import type { Role } from '../../../core/actor';
import type { Executor } from '../../client';
import { memberships, users } from '../../schema/index';

export type User = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return user;
}

/** Finds or creates the user and gives them `role` in the organization (changing an existing role). */
export async function ensureUserWithRole(
  db: Executor,
  input: { orgId: string; email: string; name: string; role: Role; passwordHash?: string },
): Promise<User> {
  const email = normalizeEmail(input.email);
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name, passwordHash: input.passwordHash ?? null })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
    .returning();
  await db
    .insert(memberships)
    .values({ orgId: input.orgId, userId: user.id, role: input.role })
    .onConflictDoUpdate({ target: [memberships.orgId, memberships.userId], set: { role: input.role } });
  return user;
}
