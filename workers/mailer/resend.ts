import { Resend } from 'resend';
import type { Database } from '../../db/client';
import { recordEmail } from '../../db/operations/outbox/email-messages';
import { DeliveryError, parseRetryAfter } from '../delivery-error';
import type { Mailer } from './types';
import { formatMailbox } from '../../core/mail-header';

/**
 * The real Resend SDK. The idempotency key makes Resend itself refuse a second send of the same
 * event to the same person (a relay that died after sending but before recording it).
 */
export function createResendMailer(db: Database, options: { apiKey: string; baseUrl?: string }): Mailer {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    provider: 'resend',
    async send(email, idempotencyKey, signal) {
      if (signal.aborted) throw signal.reason;
      const { data, error, headers } = await resend.emails.send(
        {
          from: formatMailbox(email.from.name, email.from.address),
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          attachments: email.attachments.map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.content, 'utf8'),
            contentType: a.contentType,
          })),
        },
        { idempotencyKey },
      );
      if (error) {
        const status = 'statusCode' in error ? (error.statusCode as number | null) : null;
        throw new DeliveryError(
          `Resend refused the email (${status ?? 'no response'} ${error.name}): ${error.message}`,
          {
            retryAfterMs: status === 429 ? parseRetryAfter(headers?.['retry-after'], new Date()) : undefined,
          },
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
        provider: 'resend',
        providerMessageId: data?.id ?? null,
      });
    },
  };
}
