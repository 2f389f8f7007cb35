import { createRoute, z } from '@hono/zod-openapi';
import { webhookEndpointCreateSchema } from '../../core/schemas/integrations';
import type { WebhookAllowList } from '../../core/webhook-addresses';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  type WebhookEndpoint,
} from '../../db/operations/integrations/webhook-endpoints';
import { createRouter, requireRole } from './context';
import { commonErrors, jsonBody, jsonResponse, orgItemParamsSchema, orgParamsSchema } from './schemas';

const endpointSchema = z
  .object({ id: z.uuid(), url: z.string(), topics: z.array(z.string()), active: z.boolean(), createdAt: z.string() })
  .meta({ id: 'WebhookEndpoint' });

/** The secret is shown once, when the endpoint is created; lists never show it. */
const endpointView = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  topics: e.topics,
  active: e.active,
  createdAt: e.createdAt.toISOString(),
});

/** `allowedHosts`: WEBHOOK_ALLOWED_HOSTS, the non-public hosts endpoints may point at. */
export const webhookEndpointRoutes = (options: { allowedHosts?: WebhookAllowList } = {}) =>
  createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/orgs/{org}/webhook-endpoints',
        tags: ['Webhooks'],
        summary: 'List outbound webhook endpoints (admin)',
        request: { params: orgParamsSchema },
        responses: {
          200: jsonResponse(z.object({ endpoints: z.array(endpointSchema) }), 'The endpoints'),
          ...commonErrors,
        },
      }),
      async (c) => {
        requireRole(c, 'admin');
        const endpoints = await listWebhookEndpoints(c.get('db'), c.get('org').id);
        return c.json({ endpoints: endpoints.map(endpointView) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/orgs/{org}/webhook-endpoints',
        tags: ['Webhooks'],
        summary: 'Add an outbound webhook endpoint (admin)',
        request: { params: orgParamsSchema, body: jsonBody(webhookEndpointCreateSchema) },
        responses: {
          201: jsonResponse(
            endpointSchema.extend({ secret: z.string() }),
            'Added; the signing secret is shown only now',
          ),
          ...commonErrors,
        },
      }),
      async (c) => {
        requireRole(c, 'admin');
        const input = c.req.valid('json');
        const endpoint = await createWebhookEndpoint(c.get('db'), {
          orgId: c.get('org').id,
          url: input.url,
          topics: input.topics,
          secret: input.secret,
          allowedHosts: options.allowedHosts,
        });
        return c.json({ ...endpointView(endpoint), secret: endpoint.secret }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/orgs/{org}/webhook-endpoints/{id}',
        tags: ['Webhooks'],
        summary: 'Remove an outbound webhook endpoint (admin)',
        request: { params: orgItemParamsSchema },
        responses: { 204: { description: 'Removed' }, ...commonErrors },
      }),
      async (c) => {
        requireRole(c, 'admin');
        await deleteWebhookEndpoint(c.get('db'), c.get('org').id, c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
