import { DateTime } from 'luxon';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { instantFromLocal } from '../../../core/schemas/wall-clock';
import type { Database } from '../../client';
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
  /** Wall-clock times as typed, `YYYY-MM-DDTHH:mm`, read in the resource's own time zone. */
  localStart: string;
  localEnd: string;
  now?: Date;
}

/** The typed wall-clock time read in the resource's zone; a time the clocks skip is refused, as on staff forms. */
function localInstant(value: string, zone: string, field: 'startsAt' | 'endsAt'): Date {
  const refuse = (message: string) =>
    new AppError('validation', `${field}: ${message}`, { fields: { [field]: [message] } });
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) || !DateTime.fromISO(value, { zone }).isValid)
    throw refuse('must be a date and time like 2026-12-07T10:00');
  const instant = instantFromLocal(value, zone);
  if (!instant) throw refuse(`does not exist in ${zone} (the clocks skip it)`);
  return instant;
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
    throw new AppError('not_found', `resourceId: no ${input.type} ${input.resourceId} here`, {
      fields: { resourceId: [`is not ${input.type} of this organization`] },
    });
  }
  const startsAt = localInstant(input.localStart, resource.timeZone, 'startsAt');
  const endsAt = localInstant(input.localEnd, resource.timeZone, 'endsAt');
  if (endsAt <= startsAt)
    throw new AppError('validation', 'endsAt: must be after the start', {
      fields: { endsAt: ['must be after the start'] },
    });
  const earliest = new Date(now.getTime() + resource.minNoticeMinutes * MINUTE);
  if (startsAt < earliest) {
    const message = resource.minNoticeMinutes
      ? `must be at least ${resource.minNoticeMinutes} minutes from now`
      : 'must be in the future';
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
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    },
  });
}
