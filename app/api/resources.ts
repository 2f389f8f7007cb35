import { createRoute, z } from '@hono/zod-openapi';
import { resourceCreateSchema, resourcePatchSchema, resourceTypeSchema } from '../../core/schemas/resource';
import { resourceSlots } from '../../db/operations/bookings/free-slots';
import { createResource, listResources, requireResource, updateResource } from '../../db/operations/bookings/resources';
import { createRouter, requireRole } from './context';
import { commonErrors, jsonBody, jsonResponse, orgItemParamsSchema, orgParamsSchema, resourceSchema } from './schemas';

const listQuery = z.object({
  type: resourceTypeSchema.optional(),
  includeArchived: z.enum(['1', '0', 'true', 'false']).optional(),
});

const instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with a zone, e.g. 2026-12-07T05:00:00Z',
});
const slotsQuery = z.object({
  from: instant.optional().describe('Start of the window; default now'),
  to: instant.optional().describe('End of the window; default 7 days after from; at most 62 days after it'),
});
const slotsSchema = z
  .object({
    resourceId: z.uuid(),
    timeZone: z.string(),
    visitMinutes: z.number().int().nullable(),
    from: z.string(),
    to: z.string(),
    slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
  })
  .meta({ id: 'ResourceSlots' });

export const resourceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/resources',
      tags: ['Resources'],
      summary: 'List resources',
      request: { params: orgParamsSchema, query: listQuery },
      responses: {
        200: jsonResponse(z.object({ resources: z.array(resourceSchema) }), 'Resources of the organization'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const includeArchived = query.includeArchived === '1' || query.includeArchived === 'true';
      const resources = await listResources(c.get('db'), c.get('org').id, { type: query.type, includeArchived });
      return c.json({ resources }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/resources',
      tags: ['Resources'],
      summary: 'Create a resource (admin)',
      request: { params: orgParamsSchema, body: jsonBody(resourceCreateSchema) },
      responses: { 201: jsonResponse(resourceSchema, 'Created'), ...commonErrors },
    }),
    async (c) => {
      const actor = requireRole(c, 'admin');
      const resource = await createResource(c.get('db'), { orgId: c.get('org').id, actor, input: c.req.valid('json') });
      return c.json(resource, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/resources/{id}',
      tags: ['Resources'],
      summary: 'Get a resource',
      request: { params: orgItemParamsSchema },
      responses: { 200: jsonResponse(resourceSchema, 'The resource'), ...commonErrors },
    }),
    async (c) => {
      const resource = await requireResource(c.get('db'), c.get('org').id, c.req.valid('param').id);
      return c.json(resource, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/orgs/{org}/resources/{id}',
      tags: ['Resources'],
      summary: 'Change a resource (admin)',
      request: { params: orgItemParamsSchema, body: jsonBody(resourcePatchSchema) },
      responses: { 200: jsonResponse(resourceSchema, 'The changed resource'), ...commonErrors },
    }),
    async (c) => {
      const actor = requireRole(c, 'admin');
      const resource = await updateResource(c.get('db'), {
        orgId: c.get('org').id,
        actor,
        id: c.req.valid('param').id,
        patch: c.req.valid('json'),
      });
      return c.json(resource, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/resources/{id}/slots',
      tags: ['Resources'],
      summary: 'Free slots of a resource',
      description:
        'A person with a visit length: the visit slots (visit length, buffer around bookings, minimum notice). Anything else: the free intervals (opening hours minus pending and confirmed bookings, from now on).',
      request: { params: orgItemParamsSchema, query: slotsQuery },
      responses: { 200: jsonResponse(slotsSchema, 'Bookable slots in the window'), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const from = query.from ? new Date(query.from) : new Date();
      const to = query.to ? new Date(query.to) : new Date(from.getTime() + 7 * 86_400_000);
      const { resource, slots } = await resourceSlots(c.get('db'), {
        orgId: c.get('org').id,
        resourceId: c.req.valid('param').id,
        from,
        to,
      });
      return c.json(
        {
          resourceId: resource.id,
          timeZone: resource.timeZone,
          visitMinutes: resource.visitMinutes,
          from: from.toISOString(),
          to: to.toISOString(),
          slots: slots.map((slot) => ({ startsAt: slot.start.toISOString(), endsAt: slot.end.toISOString() })),
        },
        200,
      );
    },
  );
