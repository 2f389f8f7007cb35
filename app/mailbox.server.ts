import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { mailboxShowsSecretLinks } from '../config/env';
import { isAppError } from '../core/errors';
import { requireMailboxMessage } from '../db/operations/outbox/email-messages';
import { requireAdmin } from './guards.server';

/** One email of the organization's mailbox, for admins; anything else is a 404. */
export async function loadMailboxMessage(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) throw new Response('No such email', { status: 404 });
  try {
    return await requireMailboxMessage(args.context.db, org.id, id.data, {
      showSecretLinks: mailboxShowsSecretLinks(args.context.config),
    });
  } catch (error) {
    if (isAppError(error)) throw new Response('No such email', { status: 404 });
    throw error;
  }
}
