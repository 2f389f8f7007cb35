import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { isAppError } from '../../core/errors';
import { bookingCreateSchema, bookingPatchSchema } from '../../core/schemas/booking';
import { fieldErrors, text } from '../../core/validation';
import { bookingView } from '../../db/operations/bookings/booking-records';
import { transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { createBooking, updateBooking } from '../../db/operations/bookings/bookings';
import { requireStaff } from '../guards.server';

const calendarActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), booking: bookingCreateSchema }),
  z.object({ intent: z.literal('move'), id: z.uuid(), changes: bookingPatchSchema }),
  z.object({ intent: z.enum(['approve', 'decline', 'cancel']), id: z.uuid(), reason: text().max(500).optional() }),
]);

/**
 * The calendar's writes as JSON: move/resize by drag, approve, decline, cancel, and a create for JSON
 * callers. The booking dialog is a form of its own: it posts to the calendar page's action.
 */
export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const body = await args.request.json().catch(() => undefined);
  const parsed = calendarActionSchema.safeParse(body);
  if (!parsed.success)
    return Response.json({ ok: false, error: 'Invalid request', fields: fieldErrors(parsed.error) }, { status: 422 });
  const input = parsed.data;
  const db = args.context.db;
  try {
    const booking =
      input.intent === 'create'
        ? await createBooking(db, { orgId: org.id, actor, input: input.booking })
        : input.intent === 'move'
          ? await updateBooking(db, { orgId: org.id, actor, id: input.id, patch: input.changes })
          : await transitionBooking(db, input.intent, { orgId: org.id, actor, id: input.id, reason: input.reason });
    return Response.json({ ok: true, booking: bookingView(booking) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const status =
      error.code === 'conflict' || error.code === 'invalid_state' ? 409 : error.code === 'not_found' ? 404 : 422;
    return Response.json(
      { ok: false, error: error.message, fields: error.fields, conflicts: error.conflicts },
      { status },
    );
  }
}
