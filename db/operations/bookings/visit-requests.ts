import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { checkVisitStart } from '../../../core/free-slots';
import type { Database, Transaction } from '../../client';
import { resources } from '../../schema/index';
import { organizationTimeFormatter } from '../accounts/organizations';
import type { Booking } from './booking-records';
import { withConflictReporting } from './booking-guards';
import { insertBooking } from './bookings';
import { busyWindow, isVisitResource, listBusySpans } from './free-slots';
import { guestUserId } from '../registrations/registrations';

export type VisitRequester =
  /** A signed-in person; `member` when they belong to the organization. */
  | { userId: string; member: boolean }
  /** Someone without an account: a guest user is made (or found) for the email. */
  | { name: string; email: string };

export interface VisitRequestInput {
  orgId: string;
  resourceId: string;
  startsAt: Date;
  requester: VisitRequester;
  /** Shown on the booking's title, e.g. the requester's name. */
  requesterName: string;
  note?: string;
  now?: Date;
}

const MINUTE = 60_000;

/** The artist's row, locked: visit requests for one artist take turns, so the buffer check stays true. */
async function lockVisitResource(tx: Transaction, orgId: string, resourceId: string) {
  const [resource] = await tx
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, orgId), eq(resources.id, resourceId)))
    .for('update');
  if (!resource || !isVisitResource(resource) || resource.archivedAt || !resource.isBookable) {
    throw new AppError('not_found', 'resourceId: no artist taking studio-visit requests', {
      fields: { resourceId: ['is not an artist taking studio-visit requests'] },
    });
  }
  return resource;
}

const isMember = (requester: VisitRequester) => 'userId' in requester && requester.member;

/**
 * A studio-visit request: a pending booking awaiting staff approval. Slot alignment, notice and
 * buffer are checked here, against the bookings read in the same transaction as the insert.
 */
export function requestVisit(db: Database, input: VisitRequestInput): Promise<Booking> {
  const now = input.now ?? new Date();
  return withConflictReporting(db, now, async (tx, claim) => {
    const resource = await lockVisitResource(tx, input.orgId, input.resourceId);
    if (!isMember(input.requester) && !resource.allowPublicRequests) {
      throw new AppError('forbidden', `resourceId: ${resource.title} takes requests from members only; sign in first`, {
        fields: { resourceId: ['takes requests from signed-in members only'] },
      });
    }
    const start = input.startsAt;
    const end = new Date(start.getTime() + resource.visitMinutes * MINUTE);
    const busy = (
      await listBusySpans(
        tx,
        input.orgId,
        [resource.id],
        busyWindow(resource.bufferMinutes, { from: start, to: end }),
        now,
      )
    ).get(resource.id)!;
    const time = await organizationTimeFormatter(tx, input.orgId, resource.timeZone);
    const refusal = checkVisitStart(resource, start, now, busy, time);
    if (refusal)
      throw new AppError(refusal.code, `${refusal.field}: ${refusal.message}`, {
        fields: { [refusal.field]: [refusal.message] },
      });
    const userId =
      'userId' in input.requester
        ? input.requester.userId
        : await guestUserId(tx, input.requester.email, input.requester.name);
    const actor: Actor = { type: 'user', id: userId, role: 'resident' };
    return insertBooking(tx, claim, {
      orgId: input.orgId,
      actor,
      now,
      source: 'visit_request',
      input: {
        resourceId: resource.id,
        title: `Studio visit: ${input.requesterName}`,
        description: input.note || undefined,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        status: 'pending',
      },
    });
  });
}
