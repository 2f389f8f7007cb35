import nodemailer from 'nodemailer';
import type { Database } from '../../db/client';
import { recordEmail } from '../../db/operations/outbox/email-messages';
import { DeliveryError } from '../delivery-error';
import { buildMessage } from './mime';
import type { Mailer } from './types';

/**
 * SMTP_URL (Resend's SMTP relay, or the organization's own server): the only transport that sends
 * an invite as a body part (multipart/alternative with text/calendar), which Outlook needs to show
 * a meeting and apply updates. The message is built once, sent as those bytes and recorded.
 */
export function createSmtpMailer(db: Database, options: { url: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    provider: 'smtp',
    async send(email, _idempotencyKey, signal) {
      if (signal.aborted) throw signal.reason;
      const built = await buildMessage(email);
      let info: { messageId?: string };
      try {
        info = await transport.sendMail({ envelope: { from: email.from.address, to: [email.to] }, raw: built.raw });
      } catch (error) {
        const smtpError = error as Error & { responseCode?: number; code?: string };
        throw new DeliveryError(
          `SMTP refused the email (${smtpError.responseCode ?? smtpError.code ?? 'no answer'}): ${smtpError.message}`,
          { cause: error },
        );
      }
      await recordEmail(db, {
        orgId: email.orgId,
        outboxId: email.outboxId,
        toAddress: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        attachments: email.attachments,
        provider: 'smtp',
        providerMessageId: info.messageId ?? null,
        rawMessage: built.raw,
        mimeTree: built.tree,
      });
    },
  };
}

/**
 * Both configured: messages that carry an invite go by SMTP (the HTTP API can only attach the
 * .ics), the rest by Resend's HTTP API with its idempotency keys.
 */
export function createRoutingMailer(options: { invites: Mailer; plain: Mailer }): Mailer {
  return {
    provider: `${options.invites.provider}+${options.plain.provider}`,
    send(email, idempotencyKey, signal) {
      return (email.calendar ? options.invites : options.plain).send(email, idempotencyKey, signal);
    },
  };
}
