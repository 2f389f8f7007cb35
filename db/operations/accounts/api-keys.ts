import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../client';
import { createLookupCache } from '../../lookup-cache';
import { apiKeys, organizations } from '../../schema/index';
import { hashToken } from './auth-sessions';

export type ApiKey = typeof apiKeys.$inferSelect;
export type ApiKeyRole = ApiKey['role'];

const KEY_PREFIX = 'i24_';
/** Don't write last_used_at on every request: once a minute is enough to tell a key is alive. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The key is 32 random bytes, so a fast hash is enough to store it (argon2 is for guessable passwords).
 * The plain key is returned once and never stored.
 */
export async function createApiKey(
  db: Executor,
  input: { orgId: string; role: ApiKeyRole; name: string; createdBy?: string | null },
): Promise<{ key: string; apiKey: ApiKey }> {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const [apiKey] = await db
    .insert(apiKeys)
    .values({
      orgId: input.orgId,
      role: input.role,
      name: input.name,
      createdBy: input.createdBy ?? null,
      keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashToken(key),
    })
    .returning();
  return { key, apiKey };
}

export interface AuthenticatedKey {
  apiKey: ApiKey;
  org: typeof organizations.$inferSelect;
}

/**
 * Keys by hash, with their organization, for LOOKUP_CACHE_MS (ADR 032): a key revoked through this
 * process is refused at once, one revoked elsewhere (the command line, another web process) within
 * that time. Unknown keys are not kept, so a key created elsewhere works at once.
 */
const authenticatedKeys = createLookupCache<AuthenticatedKey | undefined>();

export async function authenticateApiKey(
  db: Executor,
  key: string,
  now = new Date(),
): Promise<AuthenticatedKey | undefined> {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const keyHash = hashToken(key);
  const row = await authenticatedKeys.get(keyHash, () => findKey(db, keyHash));
  if (!row) return undefined;
  const lastUsed = row.apiKey.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - lastUsed > LAST_USED_RESOLUTION_MS) {
    // The condition in SQL keeps a burst of requests from all writing the row; nobody waits for it.
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    void db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.apiKey.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))))
      .catch(() => undefined);
    // The cached row remembers it too, else every request it serves would send the UPDATE again.
    row.apiKey.lastUsedAt = now;
  }
  return row;
}

async function findKey(db: Executor, keyHash: string): Promise<AuthenticatedKey | undefined> {
  const [row] = await db
    .select({ apiKey: apiKeys, org: organizations })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/** After a revocation or an organization change through this process: its keys are read afresh. */
export function forgetCachedKeys(orgId: string): void {
  authenticatedKeys.deleteWhere((row) => row?.org.id === orgId);
}

export async function revokeApiKey(db: Executor, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  forgetCachedKeys(orgId);
  return rows.length > 0;
}

export async function revokeApiKeysNamed(db: Executor, orgId: string, name: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.name, name), isNull(apiKeys.revokedAt)));
  forgetCachedKeys(orgId);
}

export async function listApiKeys(db: Executor, orgId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      keyPrefix: apiKeys.keyPrefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)))
    .orderBy(apiKeys.createdAt);
}
