import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type MimeNode from 'nodemailer/lib/mime-node';
import type { MimeTreeNode } from '../../db/schema/index';
import type { BuiltMessage, OutgoingEmail } from './types';

/**
 * The message options nodemailer builds from. An invite goes in `icalEvent`, which nodemailer puts
 * both in the body (multipart/alternative: text, HTML, `text/calendar; method=…`) and beside it as
 * the `.ics` attachment: Outlook and Gmail act on the body part, other clients offer the file.
 */
export function messageOptions(email: OutgoingEmail): Mail.Options {
  return {
    from: { name: email.from.name, address: email.from.address },
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.calendar
      ? {
          icalEvent: {
            method: email.calendar.method,
            filename: email.calendar.filename,
            content: email.calendar.content,
          },
        }
      : {
          attachments: email.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        }),
  };
}

function treeOf(node: MimeNode): MimeTreeNode {
  const contentType = String(node.getHeader('Content-Type') ?? node.contentType ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return {
    contentType,
    ...(node.filename ? { filename: node.filename } : {}),
    ...(node.childNodes.length > 0 ? { children: node.childNodes.map(treeOf) } : {}),
  };
}

/** The message's bytes exactly as they go over SMTP, and its MIME tree (shown by the mailbox). */
export async function buildMessage(email: OutgoingEmail): Promise<BuiltMessage> {
  const root = new MailComposer(messageOptions(email)).compile();
  const tree = treeOf(root);
  const raw = (await root.build()).toString('utf8');
  return { raw, tree };
}
