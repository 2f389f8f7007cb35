import { and, desc, eq, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../../core/actor';
import { AppError, isAppError } from '../../../core/errors';
import type { InboundAction, ParsedInboundEvent } from '../../../core/inbound-webhooks';
import type { Database, Executor } from '../../client';
import { bookings, inboundEvents, integrationSecrets, resources, type INBOUND_PROVIDERS } from '../../schema/index';
import { transitionBooking } from '../bookings/booking-transitions';
import { createBooking, updateBooking } from '../bookings/bookings';

export type InboundProvider = (typeof INBOUND_PROVIDERS)[number];
export type InboundEvent = typeof inboundEvents.$inferSelect;

export async function setIntegrationSecret(
  db: Executor,
  orgId: string,
  provider: InboundProvider,
  secret: string,
): Promise<void> {
  await db
    .insert(integrationSecrets)
    .values({ orgId, provider, secret })
    .onConflictDoUpdate({
      target: [integrationSecrets.orgId, integrationSecrets.provider],
      set: { secret, updatedAt: new Date() },
    });
}

export async function findIntegrationSecret(
  db: Executor,
  orgId: string,
  provider: InboundProvider,
): Promise<string | undefined> {
  const [row] = await db
    .select({ secret: integrationSecrets.secret })
    .from(integrationSecrets)
    .where(and(eq(integrationSecrets.orgId, orgId), eq(integrationSecrets.provider, provider)));
  return row?.secret;
}

async function findInboundEvent(db: Executor, orgId: string, provider: InboundProvider, eventKey: string) {
  const [row] = await db
    .select()
    .from(inboundEvents)
    .where(
      and(eq(inboundEvents.orgId, orgId), eq(inboundEvents.provider, provider), eq(inboundEvents.eventKey, eventKey)),
    );
  return row;
}

async function findBookingByRef(db: Executor, orgId: string, ref: string) {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.orgId, orgId), sql`${bookings.metadata}->>'externalRef' = ${ref}`))
    .limit(1);
  return row;
}

/** The person resource whose metadata.email is the organizer's: whose hours were booked. */
async function requirePersonResource(db: Executor, orgId: string, email: string) {
  const [row] = await db
    .select()
    .from(resources)
    .where(
      and(
        eq(resources.orgId, orgId),
        eq(resources.type, 'person'),
        sql`lower(${resources.metadata}->>'email') = lower(${email})`,
      ),
    )
    .limit(1);
  if (!row) {
    throw new AppError('validation', `organizer: no person resource has metadata.email "${email}"`, {
      fields: { organizer: [`no person resource has the email ${email}`] },
    });
  }
  return row;
}

type Outcome = Pick<InboundEvent, 'status' | 'bookingId' | 'detail' | 'conflicts'>;

async function perform(
  db: Database,
  orgId: string,
  provider: InboundProvider,
  action: InboundAction,
): Promise<Outcome> {
  const actor = SYSTEM_ACTOR;
  // The scheduling tool applied its own availability; ours must not refuse what it already promised.
  const availabilityOverrideReason = `booked through ${provider === 'calcom' ? 'Cal.com' : 'Calendly'}`;
  switch (action.kind) {
    case 'ignore':
      return { status: 'ignored', bookingId: null, detail: action.why, conflicts: null };
    case 'create': {
      const existing = await findBookingByRef(db, orgId, action.ref);
      if (existing) return { status: 'applied', bookingId: existing.id, detail: 'already booked', conflicts: null };
      const resource = await requirePersonResource(db, orgId, action.organizerEmail);
      const booking = await createBooking(db, {
        orgId,
        actor,
        source: provider,
        input: {
          resourceId: resource.id,
          title: action.title,
          description: action.description,
          startsAt: action.startsAt,
          endsAt: action.endsAt,
          metadata: { externalRef: action.ref },
          availabilityOverrideReason,
        },
      });
      return { status: 'applied', bookingId: booking.id, detail: null, conflicts: null };
    }
    case 'reschedule': {
      const booking =
        (await findBookingByRef(db, orgId, action.previousRef)) ?? (await findBookingByRef(db, orgId, action.ref));
      if (!booking) {
        return perform(db, orgId, provider, {
          kind: 'create',
          ref: action.ref,
          organizerEmail: action.organizerEmail,
          title: action.title,
          startsAt: action.startsAt,
          endsAt: action.endsAt,
        });
      }
      const resource = await requirePersonResource(db, orgId, action.organizerEmail);
      await updateBooking(db, {
        orgId,
        actor,
        id: booking.id,
        patch: {
          resourceId: resource.id,
          startsAt: action.startsAt,
          endsAt: action.endsAt,
          metadata: { externalRef: action.ref, previousExternalRef: action.previousRef },
          availabilityOverrideReason,
        },
      });
      return { status: 'applied', bookingId: booking.id, detail: null, conflicts: null };
    }
    case 'cancel': {
      const booking = await findBookingByRef(db, orgId, action.ref);
      if (!booking)
        return { status: 'ignored', bookingId: null, detail: `no booking for ${action.ref}`, conflicts: null };
      if (booking.status === 'cancelled' || booking.status === 'declined')
        return { status: 'applied', bookingId: booking.id, detail: 'already cancelled', conflicts: null };
      await transitionBooking(db, 'cancel', { orgId, actor, id: booking.id, reason: action.reason });
      return { status: 'applied', bookingId: booking.id, detail: null, conflicts: null };
    }
  }
}

/**
 * Applies an inbound scheduling event once. A replay (same event key) finds the recorded outcome and
 * changes nothing. A booking in the way is recorded as a conflict, never dropped. The caller answers
 * only after this resolves, i.e. after the booking is committed.
 */
export async function applyInboundEvent(
  db: Database,
  input: { orgId: string; provider: InboundProvider; event: ParsedInboundEvent; payload: Record<string, unknown> },
): Promise<{ event: InboundEvent; replay: boolean }> {
  const { orgId, provider, event } = input;
  const seen = await findInboundEvent(db, orgId, provider, event.eventKey);
  if (seen) return { event: seen, replay: true };
  let outcome: Outcome;
  try {
    outcome = await perform(db, orgId, provider, event.action);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'conflict') throw error;
    outcome = { status: 'conflict', bookingId: null, detail: error.message, conflicts: error.conflicts ?? [] };
  }
  const [row] = await db
    .insert(inboundEvents)
    .values({
      orgId,
      provider,
      eventKey: event.eventKey,
      eventType: event.eventType,
      payload: input.payload,
      ...outcome,
    })
    .onConflictDoNothing()
    .returning();
  return row
    ? { event: row, replay: false }
    : { event: (await findInboundEvent(db, orgId, provider, event.eventKey))!, replay: true };
}

/** Inbound bookings that could not be placed (something was in the way): staff resolve them by hand. */
export function listInboundConflicts(db: Executor, orgId: string, limit = 50) {
  return db
    .select()
    .from(inboundEvents)
    .where(and(eq(inboundEvents.orgId, orgId), eq(inboundEvents.status, 'conflict')))
    .orderBy(desc(inboundEvents.createdAt))
    .limit(limit);
}
