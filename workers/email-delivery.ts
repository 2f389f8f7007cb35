import { accentPalette, organizationAccent } from '../core/accent-color';
import { buildInvite, type Invite } from '../core/calendar-invite';
import { headerText, mailboxAddress } from '../core/mail-header';
import type { Database } from '../db/client';
import type { Organization } from '../db/operations/accounts/organizations';
import { isSuppressed, sentEmailAddresses } from '../db/operations/outbox/email-messages';
import {
  claimInviteSequence,
  findInviteCopy,
  noteCancelWithoutCopy,
  prefersFeedOverInvites,
} from '../db/operations/outbox/invite-copies';
import type { OutboxRow } from '../db/operations/outbox/outbox-relay';
import type { ComposedEmail, ComposedInvite } from './email/messages';
import { renderEmail } from './email/render';
import type { Mailer } from './mailer/types';

export interface EmailDeps {
  db: Database;
  mailer: Mailer;
  /** EMAIL_FROM, e.g. `Oolite Arts <no-reply@oolitearts.org>`; its address is the invites' ORGANIZER. */
  from: string;
}

/**
 * The copy of the invite this recipient gets, if any (ADR 030): a CANCEL or an update only to
 * someone who holds the event; no new event for someone who chose their subscribed feed; and a
 * SEQUENCE above anything they were sent for this UID.
 */
async function inviteFor(
  db: Database,
  orgId: string | null,
  invite: ComposedInvite,
  to: string,
  organizer: { name: string; email: string },
  times: { now: Date; eventAt: Date },
): Promise<Invite | undefined> {
  if (!orgId) return undefined;
  const { now, eventAt } = times;
  const key = { orgId, uid: invite.uid, email: to };
  if (invite.kind !== 'new') {
    const held = await findInviteCopy(db, key);
    const holds = held && (held.method === 'REQUEST' || (invite.kind === 'cancel' && held.method === 'PUBLISH'));
    if (!holds) {
      if (invite.kind === 'cancel')
        await noteCancelWithoutCopy(db, { ...key, eventSequence: invite.sequence, eventAt, now });
      return undefined;
    }
  }
  // Copies already held stay correct (updates, cancellations); only new events are left to the feed.
  if (invite.kind === 'new' && (await prefersFeedOverInvites(db, orgId, to))) return undefined;
  const sequence = await claimInviteSequence(db, {
    ...key,
    eventSequence: invite.sequence,
    method: invite.method,
    eventAt,
    now,
  });
  if (sequence === undefined) return undefined;
  const { kind: _kind, ...fields } = invite;
  return buildInvite({ ...fields, sequence, organizer, generatedAt: now });
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
  const orgName = headerText(org?.name ?? 'Infra24') || 'Infra24';
  const branding = { orgName, palette: accentPalette(organizationAccent(org?.settings ?? {})) };
  const address = mailboxAddress(deps.from);
  // Read once: the mailer's recordEmail (one row per event and address) stays the record that guards redeliveries.
  const alreadySent = await sentEmailAddresses(deps.db, event.id);
  for (const email of emails) {
    if (signal.aborted) throw signal.reason;
    const to = email.to.email.toLowerCase();
    if (alreadySent.has(to)) continue;
    if (email.isReminder && (await isSuppressed(deps.db, to))) continue;
    const invite = email.invite
      ? await inviteFor(
          deps.db,
          event.orgId,
          email.invite,
          to,
          { name: orgName, email: address },
          {
            now,
            eventAt: event.createdAt,
          },
        )
      : undefined;
    // The sentence about the attachment only when there is one.
    const content =
      invite && email.inviteNote
        ? { ...email.content, paragraphs: [...email.content.paragraphs, email.inviteNote] }
        : email.content;
    const rendered = await renderEmail(content, branding);
    const idempotencyKey = emails.length === 1 ? event.id : `${event.id}:${to}`;
    await deps.mailer.send(
      {
        orgId: event.orgId,
        outboxId: event.id,
        from: { name: orgName, address },
        to,
        ...rendered,
        subject: headerText(rendered.subject),
        attachments: invite
          ? [{ filename: invite.filename, contentType: invite.contentType, content: invite.content }]
          : [],
        calendar: invite ? { method: invite.method, filename: invite.filename, content: invite.content } : undefined,
      },
      idempotencyKey,
      signal,
    );
    alreadySent.add(to);
  }
}
