import { AppError } from '../../core/errors';
import type { Actor } from '../../core/actor';
import type { Database } from '../client';
import type { Booking } from './booking-records';
import { createBooking } from './bookings';
import { findResource, type ResourceType } from './resources';

export interface ResourceRequestInput {
  orgId: string;
  /** The signed-in member asking. */
  actor: Actor & { type: 'user' };
  resourceId: string;
  /** The page only offers resources of this type (equipment). */
  type: ResourceType;
  title: string;
  note?: string;
  startsAt: Date;
  endsAt: Date;
  now?: Date;
}

const MINUTE = 60_000;

/**
 * A member books a resource for a time span: confirmed at once, or a request for staff when the
 * resource needs approval (createBooking decides; the exclusion constraint has the last word).
 */
export async function requestResourceBooking(db: Database, input: ResourceRequestInput): Promise<Booking> {
  const now = input.now ?? new Date();
  const resource = await findResource(db, input.orgId, input.resourceId);
  if (!resource || resource.type !== input.type) {
    throw new AppError('not_found', `resourceId: no ${input.type} ${input.resourceId} here`, { fields: { resourceId: [`is not ${input.type} of this organization`] } });
  }
  const earliest = new Date(now.getTime() + resource.minNoticeMinutes * MINUTE);
  if (input.startsAt < earliest) {
    const message = resource.minNoticeMinutes ? `must be at least ${resource.minNoticeMinutes} minutes from now` : 'must be in the future';
    throw new AppError('validation', `startsAt: ${message}`, { fields: { startsAt: [message] } });
  }
  return createBooking(db, {
    orgId: input.orgId,
    actor: input.actor,
    now,
    source: 'resident',
    input: {
      resourceId: resource.id,
      title: input.title,
      description: input.note || undefined,
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
    },
  });
}
