import type { Database } from '../../db/client';
import { recordEmail } from '../../db/operations/outbox/email-messages';
import type { Mailer } from './types';

/** Without RESEND_API_KEY: emails are stored, and admins read them in the mailbox (API and page). */
export function createDevMailbox(db: Database): Mailer {
  return {
    provider: 'dev',
    async send(email) {
      await recordEmail(db, {
        orgId: email.orgId,
        outboxId: email.outboxId,
        toAddress: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        attachments: email.attachments,
        provider: 'dev',
      });
    },
  };
}
