import { and, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import type { Executor } from '../../client';
import { emailMessages, emailSuppressions, integrationOutbox, memberships, users } from '../../schema/index';

export type EmailMessage = typeof emailMessages.$inferSelect;
export type NewEmailMessage = typeof emailMessages.$inferInsert;

/** The addresses this event was already mailed to (lowercase), so a redelivered event mails only the rest. */
export async function sentEmailAddresses(db: Executor, outboxId: string): Promise<Set<string>> {
  const rows = await db
    .select({ toAddress: emailMessages.toAddress })
    .from(emailMessages)
    .where(eq(emailMessages.outboxId, outboxId));
  return new Set(rows.map((row) => row.toAddress));
}

/**
 * Account emails (no organization) and invitations carry a link that signs in or grants a role:
 * decided here, from the event that sent them, so every mailer marks them alike (ADR 023).
 */
function carriesSecretLink(message: NewEmailMessage) {
  if (message.orgId === null || message.orgId === undefined) return true;
  if (!message.outboxId) return false;
  return sql<boolean>`exists (select 1 from ${integrationOutbox} where ${integrationOutbox.id} = ${message.outboxId} and ${integrationOutbox.topic} like 'account.%')`;
}

/** Records a sent (or, for the dev mailbox, delivered) email once; false if it was recorded already. */
export async function recordEmail(db: Executor, message: NewEmailMessage): Promise<boolean> {
  const inserted = await db
    .insert(emailMessages)
    .values({ ...message, toAddress: message.toAddress.toLowerCase(), carriesSecretLink: carriesSecretLink(message) })
    .onConflictDoNothing()
    .returning({ id: emailMessages.id });
  return inserted.length > 0;
}

/** Whether the mailbox shows emails that carry sign-in, reset and invitation links (ADR 023). */
export interface MailboxVisibility {
  showSecretLinks: boolean;
}

/**
 * An organization's mail: its own, plus account emails (sign-in links, resets) sent to its members,
 * which belong to no organization. Emails carrying a secret link are left out unless the whole
 * installation is a demo without an email provider: whoever reads a sign-in link can be its recipient.
 */
function visibleToOrg(orgId: string, visibility: MailboxVisibility) {
  const memberEmails = sql`(select ${users.email} from ${users} join ${memberships} on ${memberships.userId} = ${users.id} where ${memberships.orgId} = ${orgId})`;
  const ofOrg = or(
    eq(emailMessages.orgId, orgId),
    and(isNull(emailMessages.orgId), inArray(emailMessages.toAddress, memberEmails)),
  )!;
  return visibility.showSecretLinks ? ofOrg : and(ofOrg, eq(emailMessages.carriesSecretLink, false))!;
}

export interface MailboxQuery extends MailboxVisibility {
  limit: number;
  /** Rows to skip (a page of the staff list). */
  offset?: number;
  /** Exactly this recipient. */
  to?: string;
  /** Part of the recipient or the subject, any case. */
  search?: string;
}

function mailboxConditions(orgId: string, options: MailboxQuery) {
  const conditions = [visibleToOrg(orgId, options)];
  if (options.to) conditions.push(eq(emailMessages.toAddress, options.to.toLowerCase()));
  if (options.search) {
    const pattern = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(emailMessages.toAddress, pattern), ilike(emailMessages.subject, pattern))!);
  }
  return and(...conditions);
}

/** The newest emails first; `firstAttachment` names the first attachment (the .ics invite) when there is one. */
export function listMailbox(db: Executor, orgId: string, options: MailboxQuery) {
  return db
    .select({
      id: emailMessages.id,
      outboxId: emailMessages.outboxId,
      toAddress: emailMessages.toAddress,
      subject: emailMessages.subject,
      provider: emailMessages.provider,
      createdAt: emailMessages.createdAt,
      attachmentCount: sql<number>`jsonb_array_length(${emailMessages.attachments})`.mapWith(Number),
      firstAttachment: sql<string | null>`${emailMessages.attachments}->0->>'filename'`,
    })
    .from(emailMessages)
    .where(mailboxConditions(orgId, options))
    .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
}

/** How many emails `listMailbox` would list without its limit (the pages of the staff list). */
export async function countMailbox(db: Executor, orgId: string, options: Omit<MailboxQuery, 'limit' | 'offset'>) {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(emailMessages)
    .where(mailboxConditions(orgId, { ...options, limit: 0 }));
  return row?.count ?? 0;
}

export async function requireMailboxMessage(
  db: Executor,
  orgId: string,
  id: string,
  visibility: MailboxVisibility,
): Promise<EmailMessage> {
  const [row] = await db
    .select()
    .from(emailMessages)
    .where(and(visibleToOrg(orgId, visibility), eq(emailMessages.id, id)))
    .limit(1);
  if (!row) throw new AppError('not_found', `No email ${id} in this organization's mailbox`);
  return row;
}

export async function isSuppressed(db: Executor, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: emailSuppressions.address })
    .from(emailSuppressions)
    .where(eq(emailSuppressions.address, address.toLowerCase()))
    .limit(1);
  return row !== undefined;
}

export async function suppressAddress(
  db: Executor,
  input: { address: string; reason: 'bounced' | 'complained'; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insert(emailSuppressions)
    .values({ address: input.address.toLowerCase(), reason: input.reason, detail: input.detail })
    .onConflictDoNothing();
}

/** Addresses this organization has written to that bounced or complained: staff see who misses their email. */
export function listUndeliverableAddresses(db: Executor, orgId: string) {
  return db
    .select({
      address: emailSuppressions.address,
      reason: emailSuppressions.reason,
      since: emailSuppressions.createdAt,
    })
    .from(emailSuppressions)
    .where(
      sql`exists (select 1 from ${emailMessages} m where m.to_address = ${emailSuppressions.address} and m.org_id = ${orgId})`,
    )
    .orderBy(desc(emailSuppressions.createdAt));
}
