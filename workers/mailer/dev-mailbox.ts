import type { Database } from '../../db/client';
import { recordEmail } from '../../db/operations/outbox/email-messages';
import { buildMessage } from './mime';
import type { Mailer } from './types';

/**
 * Without a mail provider: emails are stored, and admins read them in the mailbox (API and page),
 * built exactly as the SMTP transport would send them, so the MIME tree and raw message can be checked.
 */
export function createDevMailbox(db: Database): Mailer {
  return {
    provider: 'dev',
    async send(email) {
      const built = await buildMessage(email);
      await recordEmail(db, {
        orgId: email.orgId,
        outboxId: email.outboxId,
        toAddress: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        attachments: email.attachments,
        provider: 'dev',
        rawMessage: built.raw,
        mimeTree: built.tree,
      });
    },
  };
}
