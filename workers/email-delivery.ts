import { buildInvite } from '../core/calendar-invite';
import type { Database } from '../db/client';
import { isSuppressed, sentEmailAddresses } from '../db/operations/outbox/email-messages';
import type { Organization } from '../db/operations/accounts/organizations';
import type { OutboxRow } from '../db/operations/outbox/outbox-relay';
import type { ComposedEmail } from './email/messages';
import { renderEmail } from './email/render';
import type { Mailer } from './mailer/types';

export interface EmailDeps {
  db: Database;
  mailer: Mailer;
  /** EMAIL_FROM, e.g. `Oolite Arts <no-reply@oolitearts.org>`; its address is the invites' ORGANIZER. */
  from: string;
}

const DEFAULT_BRAND_COLOR = '#1f6feb';

function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/**
 * Sends each composed email once: an address already mailed for this event is skipped (so a retry after
 * a partial failure mails only the rest); reminders skip addresses that bounced or complained.
 */
export async function sendEmails(
  deps: EmailDeps,
  event: OutboxRow,
  org: Organization | undefined,
  emails: ComposedEmail[],
  signal: AbortSignal,
  now: Date,
): Promise<void> {
  if (emails.length === 0) return;
  const orgName = org?.name ?? 'Infra24';
  const branding = { orgName, brandColor: org?.settings.brandColor ?? DEFAULT_BRAND_COLOR };
  // The organization's name on the sender, the configured address behind it.
  const from = `${orgName.replace(/[<>",]/g, '')} <${addressOf(deps.from)}>`;
  // Read once: the mailer's recordEmail (one row per event and address) stays the record that guards redeliveries.
  const alreadySent = await sentEmailAddresses(deps.db, event.id);
  for (const email of emails) {
    if (signal.aborted) throw signal.reason;
    const to = email.to.email.toLowerCase();
    if (alreadySent.has(to)) continue;
    if (email.isReminder && (await isSuppressed(deps.db, to))) continue;
    const rendered = await renderEmail(email.content, branding);
    const attachments = email.invite
      ? [buildInvite({ ...email.invite, organizer: { name: orgName, email: addressOf(deps.from) }, generatedAt: now })]
      : [];
    const idempotencyKey = emails.length === 1 ? event.id : `${event.id}:${to}`;
    await deps.mailer.send(
      { orgId: event.orgId, outboxId: event.id, from, to, ...rendered, attachments },
      idempotencyKey,
      signal,
    );
    alreadySent.add(to);
  }
}
