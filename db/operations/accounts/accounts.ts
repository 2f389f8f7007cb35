import { eq } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import type { SignUpInput } from '../../../core/schemas/account';
import type { Database, Executor } from '../../client';
import { UNIQUE_VIOLATION, pgErrorInfo } from '../../pg-errors';
import { users } from '../../schema/index';
import { hashPassword, verifyPassword } from './passwords';
import { deleteUserSessions } from './auth-sessions';
import { findUserByEmail, normalizeEmail, type User } from './users';

export async function signUp(db: Executor, input: SignUpInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ email: normalizeEmail(input.email), name: input.name, passwordHash })
      .returning();
    return user;
  } catch (error) {
    if (pgErrorInfo(error)?.code === UNIQUE_VIOLATION) {
      throw new AppError(
        'conflict',
        'email: there is already an account with this email; sign in or use a sign-in link',
        {
          fields: { email: ['already has an account: sign in, or get a sign-in link by email'] },
        },
      );
    }
    throw error;
  }
}

/** The user, or undefined for a wrong email or password (the two are never told apart). */
export async function verifyCredentials(db: Executor, email: string, password: string): Promise<User | undefined> {
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  return user && valid ? user : undefined;
}

/** Sets a new password and signs the user out everywhere else. */
export async function setPassword(db: Database, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, emailVerifiedAt: new Date() }).where(eq(users.id, userId));
    await deleteUserSessions(tx, userId);
  });
}
