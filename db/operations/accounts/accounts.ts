import { setTimeout } from 'node:timers/promises';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { SignUpInput } from '../../../core/schemas/account';
import type { Database, Executor } from '../../client';
import { authTokens, users } from '../../schema/index';
import { hashPassword, verifyPassword } from './passwords';
import { deleteUserSessions } from './auth-sessions';
import { sendAccountLink } from './auth-tokens';
import { countHit } from './rate-limits';
import { findUserByEmail, normalizeEmail, type User } from './users';

/**
 * Creates the account if the address has none, then emails the address a sign-in link either way:
 * the answer and the time taken are the same whether or not it had an account, so the form cannot
 * tell anyone who has one. The existing owner just gets a sign-in link they did not ask for.
 */
export async function signUpOrSendLink(
  db: Database,
  input: SignUpInput & { baseUrl: string; redirectTo?: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db
    .insert(users)
    .values({ email: normalizeEmail(input.email), name: input.name, passwordHash })
    .onConflictDoNothing({ target: users.email });
  await sendAccountLink(db, {
    purpose: 'magic_link',
    email: input.email,
    baseUrl: input.baseUrl,
    redirectTo: input.redirectTo,
  });
}

const FAILURE_WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;
const DELAY_PER_FAILURE_MS = 100;
const MAX_DELAY_MS = 1_000;

/**
 * Counts a wrong password for the email (from anywhere) and waits before the answer: nothing for the
 * first few, then a little more each time. It slows guessing spread over many client addresses
 * without ever locking the owner out (the limits count each address apart).
 */
export async function slowDownFailedSignIn(db: Executor, email: string, now = new Date()): Promise<void> {
  const hits = await countHit(db, `sign-in-failures:${normalizeEmail(email)}`, FAILURE_WINDOW_MS, now);
  const delayMs = Math.min(MAX_DELAY_MS, Math.max(0, hits - FREE_FAILURES) * DELAY_PER_FAILURE_MS);
  if (delayMs > 0) await setTimeout(delayMs);
}

/** The user, or undefined for a wrong email or password (the two are never told apart). */
export async function verifyCredentials(db: Executor, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  return user && valid ? user : undefined;
}

/**
 * Sets a new password, signs the user out everywhere else and voids every sign-in and reset link
 * still out: one sent before the reset may be what someone else has read.
 */
export async function setPassword(db: Database, userId: string, password: string, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, emailVerifiedAt: now }).where(eq(users.id, userId));
    await deleteUserSessions(tx, userId);
    await tx
      .update(authTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(authTokens.userId, userId),
          inArray(authTokens.purpose, ['magic_link', 'password_reset']),
          isNull(authTokens.usedAt),
        ),
      );
  });
}
