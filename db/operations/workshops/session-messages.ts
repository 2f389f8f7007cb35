import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { SessionMessageInput } from '../../../core/schemas/workshop';
import type { Database } from '../../client';
import { workshopRegistrations } from '../../schema/index';
import { recordChange } from '../audit';
import { sessionInfo } from '../registrations/registration-events';
import { requireSessionFacts } from './workshop-sessions';

/** Who a message to "everyone registered" reaches: people holding a seat or an open offer of one. */
const MESSAGE_RECIPIENT_STATUSES = ['registered', 'attended', 'offered'] as const;

/**
 * Staff's message to everyone registered for a session: one outbox event carrying the recipients,
 * which the worker fans out as emails, written with its audit row in one transaction.
 */
export async function messageRegistrants(
  db: Database,
  input: { orgId: string; actor: Actor; sessionId: string; message: SessionMessageInput },
): Promise<{ recipients: number }> {
  return db.transaction(async (tx) => {
    const session = await requireSessionFacts(tx, input.orgId, input.sessionId);
    const recipients = await tx
      .select({ email: workshopRegistrations.email, name: workshopRegistrations.name })
      .from(workshopRegistrations)
      .where(
        and(
          eq(workshopRegistrations.sessionId, session.id),
          inArray(workshopRegistrations.status, [...MESSAGE_RECIPIENT_STATUSES]),
        ),
      );
    if (recipients.length === 0)
      throw new AppError('invalid_state', 'Nobody is registered for this session: there is no one to write to');
    await recordChange(
      tx,
      {
        orgId: input.orgId,
        actor: input.actor,
        action: 'session.message',
        entityType: 'workshop_session',
        entityId: session.id,
        after: { subject: input.message.subject, recipients: recipients.length },
      },
      {
        orgId: input.orgId,
        topic: 'session.message',
        payload: {
          session: sessionInfo(session),
          registrants: recipients,
          subject: input.message.subject,
          body: input.message.body,
          from: session.orgName,
        },
      },
    );
    return { recipients: recipients.length };
  });
}
