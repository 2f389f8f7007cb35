import { createRoute, z } from '@hono/zod-openapi';
import { listLimitQuerySchema } from '../../core/schemas/integrations';
import { listMailbox, requireMailboxMessage } from '../../db/operations/outbox/email-messages';
import type { MimeTreeNode } from '../../db/schema/index';
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

const attachmentSchema = z.object({ filename: z.string(), contentType: z.string(), content: z.string() });

/** A part of a sent message and the parts inside it. */
const mimeTreeSchema: z.ZodType<MimeTreeNode> = z.lazy(() =>
  z.object({
    contentType: z.string(),
    filename: z.string().optional(),
    children: z.array(mimeTreeSchema).optional(),
  }),
);

/** Staff watch what leaves the system: the outbox's state, its failures, and the dev mailbox. */
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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/mailbox',
      tags: ['Outbox'],
      summary: 'Emails sent (the dev mailbox), latest first',
      request: {
        params: orgParamsSchema,
        query: listLimitQuerySchema.extend({ to: z.email('must be an email address').optional() }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            messages: z.array(
              z.object({
                id: z.uuid(),
                outboxId: z.string().nullable(),
                toAddress: z.string(),
                subject: z.string(),
                provider: z.string(),
                attachmentCount: z.number().int(),
                createdAt: z.string(),
              }),
            ),
          }),
          'The mailbox',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const { limit, to } = c.req.valid('query');
      const messages = await listMailbox(c.get('db'), c.get('org').id, { limit, to });
      return c.json({ messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/mailbox/{id}',
      tags: ['Outbox'],
      summary: 'One email: HTML, text and attachments',
      request: { params: orgItemParamsSchema },
      responses: {
        200: jsonResponse(
          z.object({
            id: z.uuid(),
            outboxId: z.string().nullable(),
            toAddress: z.string(),
            subject: z.string(),
            html: z.string(),
            text: z.string(),
            attachments: z.array(attachmentSchema),
            provider: z.string(),
            providerMessageId: z.string().nullable(),
            mimeTree: mimeTreeSchema
              .nullable()
              .describe(
                'The MIME structure as sent (an invite: mixed → alternative with text/calendar, plus the .ics)',
              ),
            rawMessage: z.string().nullable().describe('The message exactly as built for SMTP'),
            createdAt: z.string(),
          }),
          'The email',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const m = await requireMailboxMessage(c.get('db'), c.get('org').id, c.req.valid('param').id);
      return c.json(
        {
          id: m.id,
          outboxId: m.outboxId,
          toAddress: m.toAddress,
          subject: m.subject,
          html: m.html,
          text: m.text,
          attachments: m.attachments,
          provider: m.provider,
          providerMessageId: m.providerMessageId,
          mimeTree: m.mimeTree ?? null,
          rawMessage: m.rawMessage ?? null,
          createdAt: m.createdAt.toISOString(),
        },
        200,
      );
    },
  );
