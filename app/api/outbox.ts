import { createRoute, z } from '@hono/zod-openapi';
import { listLimitQuerySchema } from '../../core/schemas/integrations';
import {
  listOutboxFailures,
  outboxCounts,
  redriveDeadEvents,
  retryOutboxEvent,
} from '../../db/operations/outbox/outbox-admin';
import { createRouter, requireRole } from './context';
import { commonErrors, conflictError, jsonResponse, orgItemParamsSchema, orgParamsSchema } from './schemas';

const failureSchema = z
  .object({
    id: z.uuid(),
    topic: z.string(),
    retryCount: z.number().int(),
    lastError: z.string().nullable(),
    deliverAfter: z.string(),
    deadAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'OutboxFailure' });

type Failure = Awaited<ReturnType<typeof listOutboxFailures>>[number];
const failureView = (f: Failure) => ({
  ...f,
  deliverAfter: f.deliverAfter.toISOString(),
  deadAt: f.deadAt?.toISOString() ?? null,
  createdAt: f.createdAt.toISOString(),
});

/** Staff watch what leaves the system: the outbox's state and its failures (the mailbox is in mailbox.ts). */
export const outboxRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/outbox',
      tags: ['Outbox'],
      summary: 'Counts by state and the latest failures',
      request: { params: orgParamsSchema, query: listLimitQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({
            counts: z.object({ pending: z.number(), retrying: z.number(), dead: z.number(), delivered: z.number() }),
            failures: z.array(failureSchema),
          }),
          'The outbox',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const orgId = c.get('org').id;
      const [counts, failures] = await Promise.all([
        outboxCounts(c.get('db'), orgId),
        listOutboxFailures(c.get('db'), orgId, c.req.valid('query').limit),
      ]);
      return c.json({ counts, failures: failures.map(failureView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/outbox/redrive',
      tags: ['Outbox'],
      summary: 'Send every dead event again',
      request: { params: orgParamsSchema },
      responses: {
        200: jsonResponse(z.object({ redriven: z.number().int() }), 'How many went back to pending'),
        ...commonErrors,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      return c.json({ redriven: await redriveDeadEvents(c.get('db'), c.get('org').id, new Date()) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/outbox/{id}/retry',
      tags: ['Outbox'],
      summary: 'Retry one undelivered event now',
      request: { params: orgItemParamsSchema },
      responses: { 200: jsonResponse(failureSchema, 'Due now'), ...commonErrors, ...conflictError },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const row = await retryOutboxEvent(c.get('db'), c.get('org').id, c.req.valid('param').id, new Date());
      return c.json(failureView(row), 200);
    },
  );
