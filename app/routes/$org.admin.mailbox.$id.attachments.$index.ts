import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadMailboxMessage } from '../mailbox.server';

/** Downloads an attachment (the .ics invite) exactly as it was sent, content type included. */
export async function loader(args: LoaderFunctionArgs) {
  const message = await loadMailboxMessage(args);
  const attachment = message.attachments[Number(args.params.index)];
  if (!attachment) throw new Response('No such attachment', { status: 404 });
  return new Response(attachment.content, {
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename="${attachment.filename.replace(/"/g, '')}"`,
    },
  });
}
