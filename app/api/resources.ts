import { createRoute, z } from '@hono/zod-openapi';
import { resourceCreateSchema, resourcePatchSchema, resourceTypeSchema } from '../../core/schemas/resource';
import { createResource, listResources, requireResource, updateResource } from '../../db/operations/resources';
import { createRouter, requireRole } from './context';
import { commonErrors, jsonBody, jsonResponse, orgItemParamsSchema, orgParamsSchema, resourceSchema } from './schemas';

const listQuery = z.object({
  type: resourceTypeSchema.optional(),
  includeArchived: z.enum(['1', '0', 'true', 'false']).optional(),
});

export const resourceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get', path: '/orgs/{org}/resources', tags: ['Resources'], summary: 'List resources',
      request: { params: orgParamsSchema, query: listQuery },
      responses: { 200: jsonResponse(z.object({ resources: z.array(resourceSchema) }), 'Resources of the organization'), ...commonErrors },
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
      method: 'post', path: '/orgs/{org}/resources', tags: ['Resources'], summary: 'Create a resource (admin)',
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
      method: 'get', path: '/orgs/{org}/resources/{id}', tags: ['Resources'], summary: 'Get a resource',
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
      method: 'patch', path: '/orgs/{org}/resources/{id}', tags: ['Resources'], summary: 'Change a resource (admin)',
      request: { params: orgItemParamsSchema, body: jsonBody(resourcePatchSchema) },
      responses: { 200: jsonResponse(resourceSchema, 'The changed resource'), ...commonErrors },
    }),
    async (c) => {
      const actor = requireRole(c, 'admin');
      const resource = await updateResource(c.get('db'), {
        orgId: c.get('org').id, actor, id: c.req.valid('param').id, patch: c.req.valid('json'),
      });
      return c.json(resource, 200);
    },
  );
