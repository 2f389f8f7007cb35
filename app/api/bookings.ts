import { createRoute, z } from '@hono/zod-openapi';
import {
  bookingCreateSchema,
  bookingListQuerySchema,
  bookingPatchSchema,
  bookingReasonSchema,
} from '../../core/schemas/booking';
import { bookingView, listBookings, requireBooking } from '../../db/operations/bookings/booking-records';
import { BOOKING_TRANSITIONS, transitionBooking } from '../../db/operations/bookings/booking-transitions';
import { createBooking, updateBooking } from '../../db/operations/bookings/bookings';
import { createRouter, requireRole } from './context';
import { idempotencyHeaders, idempotently } from './idempotency';
import {
  bookingSchema,
  commonErrors,
  conflictError,
  jsonBody,
  jsonResponse,
  orgItemParamsSchema,
  orgParamsSchema,
} from './schemas';

const TRANSITION_SUMMARY = {
  approve: 'Approve a request awaiting approval',
  decline: 'Decline a pending request or hold',
  confirm: 'Confirm a hold before it expires',
  cancel: 'Cancel a pending or confirmed booking',
} as const;

const router = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/bookings',
      tags: ['Bookings'],
      summary: 'List bookings overlapping a window',
      request: { params: orgParamsSchema, query: bookingListQuerySchema },
      responses: {
        200: jsonResponse(z.object({ bookings: z.array(bookingSchema) }), 'Bookings, earliest first'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const bookings = await listBookings(c.get('db'), c.get('org').id, c.req.valid('query'));
      return c.json({ bookings: bookings.map(bookingView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/bookings',
      tags: ['Bookings'],
      summary: 'Book a resource',
      request: { params: orgParamsSchema, headers: idempotencyHeaders, body: jsonBody(bookingCreateSchema) },
      responses: { 201: jsonResponse(bookingSchema, 'Booked'), ...commonErrors, ...conflictError },
    }),
    async (c) => {
      const actor = requireRole(c, 'staff');
      const input = c.req.valid('json');
      const booked = await idempotently(c, input, async (db) =>
        bookingView(await createBooking(db, { orgId: c.get('org').id, actor, input })),
      );
      return c.json(booked, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/bookings/{id}',
      tags: ['Bookings'],
      summary: 'Get a booking',
      request: { params: orgItemParamsSchema },
      responses: { 200: jsonResponse(bookingSchema, 'The booking'), ...commonErrors },
    }),
    async (c) => {
      const booking = await requireBooking(c.get('db'), c.get('org').id, c.req.valid('param').id);
      return c.json(bookingView(booking), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{org}/bookings/{id}',
      tags: ['Bookings'],
      summary: 'Move, resize or edit a booking',
      request: { params: orgItemParamsSchema, body: jsonBody(bookingPatchSchema) },
      responses: { 200: jsonResponse(bookingSchema, 'The changed booking'), ...commonErrors, ...conflictError },
    }),
    async (c) => {
      const actor = requireRole(c, 'staff');
      const booking = await updateBooking(c.get('db'), {
        orgId: c.get('org').id,
        actor,
        id: c.req.valid('param').id,
        patch: c.req.valid('json'),
      });
      return c.json(bookingView(booking), 200);
    },
  );

for (const transition of BOOKING_TRANSITIONS) {
  router.openapi(
    createRoute({
      method: 'post',
      path: `/orgs/{org}/bookings/{id}/${transition}`,
      tags: ['Bookings'],
      summary: TRANSITION_SUMMARY[transition],
      request: {
        params: orgItemParamsSchema,
        body: { required: false, content: { 'application/json': { schema: bookingReasonSchema } } },
      },
      responses: {
        200: jsonResponse(bookingSchema, 'The booking after the change'),
        ...commonErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const actor = requireRole(c, 'staff');
      const { reason } = c.req.valid('json') ?? {};
      const booking = await transitionBooking(c.get('db'), transition, {
        orgId: c.get('org').id,
        actor,
        id: c.req.valid('param').id,
        reason,
      });
      return c.json(bookingView(booking), 200);
    },
  );
}

export const bookingRoutes = router;
