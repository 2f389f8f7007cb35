import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Actor, Role } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Database, Executor } from '../../client';
import { memberships, organizations, users } from '../../schema/index';
import { recordAudit } from '../audit';
import { consumeToken, issueToken, tokenUrl } from './auth-tokens';
import { enqueueEvent } from '../outbox/outbox';
import type { Organization } from './organizations';

export interface OrgMembership {
  org: Organization;
  role: Role;
}

export async function listUserOrganizations(db: Executor, userId: string): Promise<OrgMembership[]> {
  const rows = await db
    .select({ org: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
  return rows;
}

/** A user's membership of one organization, named by its slug (pages) or its id (documents). */
async function findMembership(db: Executor, userId: string, org: SQL): Promise<OrgMembership | undefined> {
  const [row] = await db
    .select({ org: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), org))
    .limit(1);
  return row;
}

export function findMembershipBySlug(db: Executor, userId: string, slug: string): Promise<OrgMembership | undefined> {
  return findMembership(db, userId, eq(organizations.slug, slug));
}

export function findMembershipByOrgId(db: Executor, userId: string, orgId: string): Promise<OrgMembership | undefined> {
  return findMembership(db, userId, eq(memberships.orgId, orgId));
}

export async function listMembers(db: Executor, orgId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name));
}

/** Changes a member's role; an organization always keeps at least one admin. */
export async function changeMemberRole(
  db: Database,
  input: { orgId: string; actor: Actor; userId: string; role: Role },
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, input.orgId))
      .for('update');
    const member = current.find((m) => m.userId === input.userId);
    if (!member) throw new AppError('not_found', 'No such member in this organization');
    const admins = current.filter((m) => m.role === 'admin');
    if (member.role === 'admin' && input.role !== 'admin' && admins.length === 1) {
      throw new AppError('invalid_state', 'role: the organization needs at least one admin', {
        fields: { role: ['the last admin cannot step down'] },
      });
    }
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'membership.role_changed',
      entityType: 'user',
      entityId: input.userId,
      before: { role: member.role },
      after: { role: input.role },
    });
  });
}

/** Emails an invitation link (valid 7 days) that makes whoever accepts it a member with `role`. */
export async function inviteMember(
  db: Database,
  input: { org: Organization; actor: Actor & { name: string }; email: string; role: Role; baseUrl: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const { token } = await issueToken(tx, {
      purpose: 'invitation',
      email: input.email,
      orgId: input.org.id,
      role: input.role,
      createdBy: input.actor.id,
      now,
    });
    await enqueueEvent(tx, {
      orgId: input.org.id,
      topic: 'account.invitation',
      payload: {
        email: input.email,
        orgName: input.org.name,
        inviterName: input.actor.name,
        role: input.role,
        url: tokenUrl(input.baseUrl, 'invitation', token),
      },
    });
    await recordAudit(tx, {
      orgId: input.org.id,
      actor: input.actor,
      action: 'membership.invited',
      entityType: 'organization',
      entityId: input.org.id,
      after: { email: input.email, role: input.role },
    });
  });
}

/** Uses the invitation for the signed-in user; a member already keeps the higher of the two roles. */
export async function acceptInvitation(
  db: Database,
  input: { token: string; userId: string; now?: Date },
): Promise<OrgMembership> {
  return db.transaction(async (tx) => {
    const invitation = await consumeToken(tx, 'invitation', input.token, input.now);
    const role = invitation.role!;
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, invitation.orgId!), eq(memberships.userId, input.userId)));
    const rank = { resident: 1, staff: 2, admin: 3 } as const;
    if (!existing) {
      await tx.insert(memberships).values({ orgId: invitation.orgId!, userId: input.userId, role });
    } else if (rank[role] > rank[existing.role]) {
      await tx.update(memberships).set({ role }).where(eq(memberships.id, existing.id));
    }
    await recordAudit(tx, {
      orgId: invitation.orgId!,
      actor: { type: 'user', id: input.userId, role },
      action: 'membership.joined',
      entityType: 'user',
      entityId: input.userId,
      after: { role, invitedBy: invitation.createdBy },
    });
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, invitation.orgId!));
    return { org, role: existing && rank[existing.role] > rank[role] ? existing.role : role };
  });
}
