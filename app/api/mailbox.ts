import { createRoute, z } from '@hono/zod-openapi';
import { listLimitQuerySchema } from '../../core/schemas/integrations';
import { listMailbox, type MailboxVisibility, requireMailboxMessage } from '../../db/operations/outbox/email-messages';
import type { MimeTreeNode } from '../../db/schema/index';
import { createRouter, requireRole } from './context';
import { commonErrors, jsonResponse, orgItemParamsSchema, orgParamsSchema } from './schemas';

const attachmentSchema = z.object({ filename: z.string(), contentType: z.string(), content: z.string() });

/**
 * A part of a sent message ({ contentType, filename?, children? }) and the parts inside it. Declared
 * loosely: a recursive (lazy) schema sends the OpenAPI generator into endless recursion.
 */
const mimeTreeSchema = z
  .custom<MimeTreeNode>((value) => typeof value === 'object' && value !== null)
  .openapi({ type: 'object', description: 'A part: { contentType, filename?, children? }' });

/**
 * The emails an organization sent, for its staff. Emails with sign-in, reset or invitation links are
 * left out unless `visibility` allows them (a demo without an email provider, ADR 023).
 */
export const mailboxRoutes = (visibility: MailboxVisibility) =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/orgs/{org}/mailbox',
        tags: ['Outbox'],
        summary:
          'Emails sent, latest first; sign-in, reset and invitation emails only in a demo without an email provider',
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
        const messages = await listMailbox(c.get('db'), c.get('org').id, { limit, to, ...visibility });
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
        const m = await requireMailboxMessage(c.get('db'), c.get('org').id, c.req.valid('param').id, visibility);
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
