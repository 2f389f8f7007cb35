import { eq } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import type { TimeFormatter } from '../../../core/time-format';
import type { Database, Transaction } from '../../client';
import { bookings } from '../../schema/index';
import { organizationTimeFormatter } from '../accounts/organizations';
import { recordChange } from '../audit';
import { bookingView, type Booking } from './booking-records';
import { isExpiredHold } from './holds';
import { lockActiveBooking, resourceSummary, type BookingContext } from './bookings';
import { requireResource } from './resources';
import { cancelRegistrationsOfBooking } from '../registrations/session-booking-cancelled';

type TransitionName = 'approve' | 'decline' | 'confirm' | 'cancel';

interface Transition {
  /**
   * Which bookings this transition applies to; returns why not, or undefined. A refusal that names an
   * instant is written by the organization's formatter, read only then (not on every transition).
   */
  refuse(booking: Booking, now: Date): string | ((time: TimeFormatter) => string) | undefined;
  change(booking: Booking, ctx: BookingContext, reason: string | undefined): Partial<Booking>;
  action: string;
  /** Outbox topic, or undefined when nobody outside has heard of the booking yet. */
  topic(booking: Booking): string | undefined;
}

const isAwaitingApproval = (b: Booking) => b.status === 'pending' && b.pendingReason === 'approval';
const isHold = (b: Booking) => b.status === 'pending' && b.pendingReason === 'hold';

const TRANSITIONS: Record<TransitionName, Transition> = {
  approve: {
    refuse: (b) =>
      isAwaitingApproval(b)
        ? undefined
        : `only a request awaiting approval can be approved; this booking is ${describe(b)}`,
    change: (_b, ctx) => ({
      status: 'confirmed',
      pendingReason: null,
      approvedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
    }),
    action: 'booking.approved',
    topic: () => 'booking.approved',
  },
  decline: {
    refuse: (b) =>
      b.status === 'pending' ? undefined : `only a pending booking can be declined; this booking is ${describe(b)}`,
    change: (_b, _ctx, reason) => ({ status: 'declined', pendingReason: null, cancelReason: reason ?? null }),
    action: 'booking.declined',
    topic: (b) => (isHold(b) ? undefined : 'booking.declined'),
  },
  confirm: {
    refuse: (b, now) => {
      if (!isHold(b)) return `only a hold can be confirmed; this booking is ${describe(b)}`;
      if (isExpiredHold(b, now)) return (time) => `the hold expired ${time.long(b.holdExpiresAt!)}`;
      return undefined;
    },
    change: () => ({ status: 'confirmed', pendingReason: null }),
    action: 'booking.confirmed',
    topic: () => 'booking.confirmed',
  },
  cancel: {
    refuse: (b) =>
      b.status === 'pending' || b.status === 'confirmed' ? undefined : `this booking is already ${b.status}`,
    change: (_b, _ctx, reason) => ({ status: 'cancelled', pendingReason: null, cancelReason: reason ?? null }),
    action: 'booking.cancelled',
    topic: (b) => (isHold(b) ? undefined : 'booking.cancelled'),
  },
};

function describe(booking: Booking): string {
  return booking.status === 'pending' ? `pending (${booking.pendingReason})` : booking.status;
}

export async function applyTransition(
  tx: Transaction,
  name: TransitionName,
  ctx: BookingContext & { id: string; reason?: string },
): Promise<Booking> {
  const transition = TRANSITIONS[name];
  const before = await lockActiveBooking(tx, ctx.orgId, ctx.id);
  const refusal = transition.refuse(before, ctx.now ?? new Date());
  if (refusal) {
    const words = typeof refusal === 'string' ? refusal : refusal(await organizationTimeFormatter(tx, ctx.orgId));
    throw new AppError('invalid_state', `Cannot ${name}: ${words}`);
  }
  const [after] = await tx
    .update(bookings)
    .set(transition.change(before, ctx, ctx.reason))
    .where(eq(bookings.id, ctx.id))
    .returning();
  if (name === 'cancel')
    await cancelRegistrationsOfBooking(tx, {
      orgId: ctx.orgId,
      bookingId: ctx.id,
      now: ctx.now ?? new Date(),
      reason: ctx.reason,
    });
  const view = bookingView(after);
  const audit = {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: transition.action,
    entityType: 'booking',
    entityId: ctx.id,
    before: bookingView(before),
    after: view,
    reason: ctx.reason,
  };
  const topic = transition.topic(before);
  const resource = topic ? await requireResource(tx, ctx.orgId, after.resourceId, 'resourceId') : undefined;
  await recordChange(
    tx,
    audit,
    topic && resource
      ? {
          orgId: ctx.orgId,
          topic,
          payload: { booking: view, resource: resourceSummary(resource), reason: ctx.reason ?? null },
        }
      : undefined,
  );
  return after;
}

export function transitionBooking(
  db: Database,
  name: TransitionName,
  ctx: BookingContext & { id: string; reason?: string },
): Promise<Booking> {
  return db.transaction((tx) => applyTransition(tx, name, ctx));
}

export const BOOKING_TRANSITIONS = Object.keys(TRANSITIONS) as TransitionName[];
export type { TransitionName };
