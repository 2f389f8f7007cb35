import type { MimeTreeNode } from '../../db/schema/index';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** Text content (an .ics file). */
  content: string;
}

/** The calendar invite an email carries, both as a body part and as the attachment. */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  filename: string;
  content: string;
}

export interface OutgoingEmail {
  /** Null for account emails, which belong to no organization. */
  orgId: string | null;
  outboxId: string;
  /** Display name (the organization's) and address (EMAIL_FROM's). */
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
  calendar?: CalendarPart;
}

/** A message as built for SMTP: the bytes, and its MIME tree for the mailbox. */
export interface BuiltMessage {
  raw: string;
  tree: MimeTreeNode;
}

/** An email provider. `idempotencyKey` is derived from the outbox id, so a provider can refuse a repeat. */
export interface Mailer {
  readonly provider: string;
  /** Sends, and records the email in email_messages (which is also the "already sent" guard). */
  send(email: OutgoingEmail, idempotencyKey: string, signal: AbortSignal): Promise<void>;
}
