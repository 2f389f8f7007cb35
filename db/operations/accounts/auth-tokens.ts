import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Role } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Database, Executor } from '../../client';
import { authTokens, users } from '../../schema/index';
import { enqueueEvent } from '../outbox/outbox';
import { hashToken, newToken } from './auth-sessions';
import { findUserByEmail, normalizeEmail } from './users';

export type TokenPurpose = (typeof authTokens.$inferSelect)['purpose'];
export type AuthToken = typeof authTokens.$inferSelect;

export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = {
  magic_link: 15,
  password_reset: 15,
  invitation: 7 * 24 * 60,
};

const PATHS: Record<TokenPurpose, string> = {
  magic_link: '/magic-link',
  password_reset: '/reset-password',
  invitation: '/invitations',
};

export function tokenUrl(baseUrl: string, purpose: TokenPurpose, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}${PATHS[purpose]}/${token}`;
}

const landing = (redirectTo: string | undefined) =>
  redirectTo && redirectTo !== '/' ? `?redirectTo=${encodeURIComponent(redirectTo)}` : '';

async function issueToken(
  tx: Executor,
  input: {
    purpose: TokenPurpose;
    email: string;
    userId?: string | null;
    orgId?: string | null;
    role?: Role | null;
    createdBy?: string | null;
    now: Date;
  },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + TOKEN_TTL_MINUTES[input.purpose] * 60_000);
  await tx.insert(authTokens).values({
    purpose: input.purpose,
    tokenHash: hashToken(token),
    email: normalizeEmail(input.email),
    userId: input.userId ?? null,
    orgId: input.orgId ?? null,
    role: input.role ?? null,
    createdBy: input.createdBy ?? null,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * Emails a single-use sign-in or reset link. Unknown addresses get nothing, and the caller says the
 * same thing either way, so the form cannot be used to find out who has an account. `redirectTo`
 * (a same-site path the caller checked) is where the sign-in link lands.
 */
export async function sendAccountLink(
  db: Database,
  input: { purpose: 'magic_link' | 'password_reset'; email: string; baseUrl: string; redirectTo?: string; now?: Date },
): Promise<void> {
  const user = await findUserByEmail(db, input.email);
  if (!user) return;
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const { token, expiresAt } = await issueToken(tx, {
      purpose: input.purpose,
      email: user.email,
      userId: user.id,
      now,
    });
    await enqueueEvent(tx, {
      orgId: null,
      topic: input.purpose === 'magic_link' ? 'account.magic_link' : 'account.password_reset',
      payload: {
        email: user.email,
        name: user.name,
        url: `${tokenUrl(input.baseUrl, input.purpose, token)}${landing(input.redirectTo)}`,
        expiresAt: expiresAt.toISOString(),
      },
    });
  });
}

/** Marks the token used, atomically: of two concurrent uses exactly one succeeds. */
export async function consumeToken(
  db: Executor,
  purpose: TokenPurpose,
  token: string,
  now = new Date(),
): Promise<AuthToken> {
  const tokenHash = hashToken(token);
  const [used] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, tokenHash),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning();
  if (used) return used;
  const [existing] = await db
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, tokenHash), eq(authTokens.purpose, purpose)));
  if (!existing) throw new AppError('not_found', 'This link is not valid. Ask for a new one.');
  if (existing.usedAt) throw new AppError('invalid_state', 'This link has already been used. Ask for a new one.');
  throw new AppError('invalid_state', 'This link has expired. Ask for a new one.');
}

/** Looks at a token without using it (to show the invitation before it is accepted). */
export async function peekToken(
  db: Executor,
  purpose: TokenPurpose,
  token: string,
  now = new Date(),
): Promise<AuthToken | undefined> {
  const [row] = await db
    .select()
    .from(authTokens)
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    );
  return row;
}

export async function userForToken(db: Executor, token: AuthToken) {
  if (!token.userId) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, token.userId));
  return user;
}

export { issueToken };
