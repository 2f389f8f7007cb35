/** Who is doing something: a signed-in person, an API key, or the system itself (expiry sweeps, the worker). */
export type Role = 'admin' | 'staff' | 'resident';

export interface Actor {
  type: 'user' | 'api_key' | 'system';
  /** users.id or api_keys.id; null for the system. */
  id: string | null;
  role: Role | 'system';
}

const RANK: Record<Actor['role'], number> = { resident: 1, staff: 2, admin: 3, system: 4 };

/** admin > staff > resident; the system may do anything. */
export function hasRole(actor: Actor, minimum: Role): boolean {
  return RANK[actor.role] >= RANK[minimum];
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, role: 'system' };
