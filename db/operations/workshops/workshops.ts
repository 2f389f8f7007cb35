import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { descriptionToHtml } from '../../../core/rich-text';
import type { WorkshopInput } from '../../../core/schemas/workshop';
import type { Database, Executor } from '../../client';
import { pgErrorInfo, UNIQUE_VIOLATION } from '../../pg-errors';
import { workshops, workshopSessions } from '../../schema/index';
import { recordAudit } from '../audit';
import { withConflictReporting } from '../bookings/booking-guards';
import type { Booking } from '../bookings/booking-records';
import { insertBooking } from '../bookings/bookings';
import { offerFreeSeats } from '../registrations/waitlist';
import { lockSession } from './workshop-sessions';

export type Workshop = typeof workshops.$inferSelect;
export type WorkshopSession = typeof workshopSessions.$inferSelect;

function columns(input: WorkshopInput, before: Workshop | undefined, now: Date) {
  return {
    title: input.title,
    slug: input.slug,
    // Sanitized on the way in; pages sanitize again on the way out.
    descriptionHtml: descriptionToHtml(input.description),
    capacity: input.capacity,
    tags: input.tags,
    isPublic: input.isPublic,
    registrationMode: input.registrationMode,
    // Publishing keeps its first date; unpublishing clears it.
    publishedAt: input.published ? (before?.publishedAt ?? now) : null,
    updatedAt: now,
  };
}

function slugTaken(error: unknown, slug: string): never {
  if (pgErrorInfo(error)?.code === UNIQUE_VIOLATION) {
    throw new AppError('conflict', `slug: another workshop already uses "${slug}"`, {
      fields: { slug: ['is already used by another workshop'] },
    });
  }
  throw error;
}

export async function createWorkshop(
  db: Database,
  input: { orgId: string; actor: Actor; workshop: WorkshopInput; now?: Date },
): Promise<Workshop> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [workshop] = await tx
        .insert(workshops)
        .values({ orgId: input.orgId, ...columns(input.workshop, undefined, now) })
        .returning();
      await recordAudit(tx, {
        orgId: input.orgId,
        actor: input.actor,
        action: 'workshop.created',
        entityType: 'workshop',
        entityId: workshop.id,
        after: workshop,
      });
      return workshop;
    });
  } catch (error) {
    slugTaken(error, input.workshop.slug);
  }
}

export async function findWorkshop(db: Executor, orgId: string, id: string): Promise<Workshop | undefined> {
  const [row] = await db
    .select()
    .from(workshops)
    .where(and(eq(workshops.orgId, orgId), eq(workshops.id, id)));
  return row;
}

export async function requireWorkshop(db: Executor, orgId: string, id: string, field = 'id'): Promise<Workshop> {
  const workshop = await findWorkshop(db, orgId, id);
  if (!workshop)
    throw new AppError('not_found', `${field}: no workshop ${id} in this organization`, {
      fields: { [field]: ['no such workshop in this organization'] },
    });
  return workshop;
}

/**
 * Saves a workshop's details. When its capacity grows, the new seats of its upcoming sessions are
 * offered to their waitlists at once, in the same transaction.
 */
export async function updateWorkshop(
  db: Database,
  input: { orgId: string; actor: Actor; id: string; workshop: WorkshopInput; baseUrl: string; now?: Date },
): Promise<Workshop> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(workshops)
        .where(and(eq(workshops.orgId, input.orgId), eq(workshops.id, input.id)))
        .for('update');
      if (!before) throw new AppError('not_found', `No workshop ${input.id} in this organization`);
      const [after] = await tx
        .update(workshops)
        .set(columns(input.workshop, before, now))
        .where(eq(workshops.id, before.id))
        .returning();
      await recordAudit(tx, {
        orgId: input.orgId,
        actor: input.actor,
        action: 'workshop.updated',
        entityType: 'workshop',
        entityId: before.id,
        before,
        after,
      });
      if (after.capacity > before.capacity) {
        const sessions = await tx
          .select({ id: workshopSessions.id })
          .from(workshopSessions)
          .where(eq(workshopSessions.workshopId, before.id))
          .orderBy(asc(workshopSessions.id));
        for (const { id } of sessions)
          await offerFreeSeats(tx, await lockSession(tx, input.orgId, id), now, input.baseUrl);
      }
      return after;
    });
  } catch (error) {
    slugTaken(error, input.workshop.slug);
  }
}

export interface SessionInput {
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  /** Seats in this session when it differs from the workshop's capacity. */
  capacity?: number;
  /** Staff may schedule outside the room's opening hours, saying why. */
  availabilityOverrideReason?: string;
}

/**
 * A session is a confirmed booking of its room plus its session row, written in one transaction: the
 * exclusion constraint protects it, and a conflict names the booking in the way with nothing written.
 */
export async function addWorkshopSession(
  db: Database,
  input: { orgId: string; actor: Actor; workshopId: string; session: SessionInput; now?: Date },
): Promise<{ session: WorkshopSession; booking: Booking }> {
  return withConflictReporting(db, input.now ?? new Date(), async (tx, claim) => {
    const workshop = await requireWorkshop(tx, input.orgId, input.workshopId, 'workshopId');
    const booking = await insertBooking(tx, claim, {
      orgId: input.orgId,
      actor: input.actor,
      now: input.now,
      source: 'workshop',
      input: {
        resourceId: input.session.resourceId,
        title: workshop.title,
        startsAt: input.session.startsAt.toISOString(),
        endsAt: input.session.endsAt.toISOString(),
        status: 'confirmed',
        isPublic: workshop.isPublic,
        metadata: { workshopId: workshop.id },
        availabilityOverrideReason: input.session.availabilityOverrideReason,
      },
    });
    const [session] = await tx
      .insert(workshopSessions)
      .values({
        orgId: input.orgId,
        workshopId: workshop.id,
        bookingId: booking.id,
        capacity: input.session.capacity ?? null,
      })
      .returning();
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'workshop.session_added',
      entityType: 'workshop_session',
      entityId: session.id,
      after: { ...session, bookingId: booking.id },
    });
    return { session, booking };
  });
}
