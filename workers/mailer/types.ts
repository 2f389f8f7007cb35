export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** Text content (an .ics file). */
  content: string;
}

export interface OutgoingEmail {
  /** Null for account emails, which belong to no organization. */
  orgId: string | null;
  outboxId: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
}

/** An email provider. `idempotencyKey` is derived from the outbox id, so a provider can refuse a repeat. */
export interface Mailer {
  readonly provider: string;
  /** Sends, and records the email in email_messages (which is also the "already sent" guard). */
  send(email: OutgoingEmail, idempotencyKey: string, signal: AbortSignal): Promise<void>;
}
