import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { DraftAccess } from '../../core/draft/access';
import { addDraftItems, draftItemsSchema, readDraft } from '../../core/draft/model';
import { AppError } from '../../core/errors';
import { draftSuggestionRequestSchema, seasonCreateSchema } from '../../core/schemas/season';
import { publishLiveDraft } from '../../db/operations/seasons/publish';
import { createSeason, listSeasons, requireSeason, seasonView } from '../../db/operations/seasons/seasons';
import { suggestForLiveDraft } from '../../db/operations/seasons/suggestions';
import { createRouter, requireRole, type ApiEnv } from './context';
import { commonErrors, conflictError, jsonBody, jsonResponse, orgItemParamsSchema, orgParamsSchema } from './schemas';

const seasonSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    publishedRevision: z.number().int(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'Season' });
const unavailable = { 503: { description: 'The live draft is not reachable from this process' } } as const;

function liveDrafts(c: Context<ApiEnv>): DraftAccess {
  const drafts = c.get('drafts');
  if (!drafts) {
    throw new AppError(
      'unavailable',
      'Season drafts are not reachable from this process: run web and collab together (npm start), or give the web process COLLAB_URL and COLLAB_SERVICE_TOKEN',
    );
  }
  return drafts;
}

export const seasonRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/seasons',
      tags: ['Seasons'],
      summary: 'List seasons',
      request: { params: orgParamsSchema },
      responses: {
        200: jsonResponse(z.object({ seasons: z.array(seasonSchema) }), 'Seasons, latest first'),
        ...commonErrors,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const seasons = await listSeasons(c.get('db'), c.get('org').id);
      return c.json({ seasons: seasons.map(seasonView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/seasons',
      tags: ['Seasons'],
      summary: 'Create a season (a planning period with its draft board)',
      request: { params: orgParamsSchema, body: jsonBody(seasonCreateSchema) },
      responses: { 201: jsonResponse(seasonSchema, 'Created'), ...commonErrors },
    }),
    async (c) => {
      const actor = requireRole(c, 'staff');
      const season = await createSeason(c.get('db'), { orgId: c.get('org').id, actor, season: c.req.valid('json') });
      return c.json(seasonView(season), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/orgs/{org}/seasons/{id}/draft',
      tags: ['Seasons'],
      summary: 'The live draft as JSON',
      request: { params: orgItemParamsSchema },
      responses: {
        200: jsonResponse(
          z.object({
            workshops: z.record(z.string(), z.unknown()),
            sessions: z.record(z.string(), z.unknown()),
            blocks: z.record(z.string(), z.unknown()),
          }),
          'The draft',
        ),
        ...commonErrors,
        ...unavailable,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const season = await requireSeason(c.get('db'), c.get('org').id, c.req.valid('param').id);
      const draft = await liveDrafts(c).change(season.orgId, season.id, readDraft);
      return c.json(draft, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/seasons/{id}/draft/items',
      tags: ['Seasons'],
      summary:
        'Add workshops, sessions and blocks to the live draft (co-editors see them appear); also how a season is imported',
      request: { params: orgItemParamsSchema, body: jsonBody(draftItemsSchema) },
      responses: {
        200: jsonResponse(
          z.object({ sessions: z.array(z.string()), blocks: z.array(z.string()) }),
          'Ids of the sessions and blocks',
        ),
        ...commonErrors,
        ...unavailable,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const season = await requireSeason(c.get('db'), c.get('org').id, c.req.valid('param').id);
      const ids = await liveDrafts(c).change(season.orgId, season.id, (doc) =>
        addDraftItems(doc, c.req.valid('json'), randomUUID),
      );
      return c.json(ids, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/seasons/{id}/draft/suggestions',
      tags: ['Seasons'],
      summary:
        'Repairs for the live draft: the nearest fixes for one session or block ({ sessionId }), or a plan for every problem ({ all: true }); writes nothing',
      request: { params: orgItemParamsSchema, body: jsonBody(draftSuggestionRequestSchema) },
      responses: {
        200: jsonResponse(
          z.object({
            item: z.object({ kind: z.string(), id: z.string(), title: z.string() }).optional(),
            troubles: z.array(z.string()).optional(),
            suggestions: z.array(z.unknown()).optional(),
            all: z.literal(true).optional(),
            moves: z.array(z.unknown()).optional(),
            unresolved: z.array(z.unknown()).optional(),
            stats: z.record(z.string(), z.number()).optional(),
          }),
          'Suggestions for the item, or the fix-all plan',
        ),
        ...commonErrors,
        ...conflictError,
        ...unavailable,
      },
    }),
    async (c) => {
      requireRole(c, 'staff');
      const org = c.get('org');
      const season = await requireSeason(c.get('db'), org.id, c.req.valid('param').id);
      const body = c.req.valid('json');
      const answer = await suggestForLiveDraft(c.get('db'), liveDrafts(c), {
        season,
        timeZone: org.timeZone,
        request: body.all ? { all: true } : { sessionId: body.sessionId! },
      });
      return c.json(answer, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{org}/seasons/{id}/publish',
      tags: ['Seasons'],
      summary: 'Publish the draft: all or nothing; ?dryRun=1 answers the diff and the conflicts without committing',
      request: {
        params: orgItemParamsSchema,
        query: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }),
      },
      responses: {
        200: jsonResponse(
          z.object({ published: z.boolean(), diff: z.unknown(), conflicts: z.array(z.unknown()) }),
          'The publish report',
        ),
        ...commonErrors,
        ...conflictError,
        ...unavailable,
      },
    }),
    async (c) => {
      const actor = requireRole(c, 'staff');
      const season = await requireSeason(c.get('db'), c.get('org').id, c.req.valid('param').id);
      const dryRun = ['1', 'true'].includes(c.req.valid('query').dryRun ?? '');
      const report = await publishLiveDraft(c.get('db'), liveDrafts(c), {
        orgId: season.orgId,
        seasonId: season.id,
        actor,
        dryRun,
      });
      const invalid = report.conflicts.filter((p) => p.code === 'invalid_item');
      if (invalid.length) {
        // Items written wrong through the collab socket: bad input, named item by item, as any 422.
        const fields = Object.fromEntries(invalid.map((p) => [`${p.item.kind}s.${p.item.id}.${p.field}`, [p.message]]));
        const named = invalid.map((p) => p.message).join('; ');
        return c.json(
          {
            error: {
              code: 'validation',
              message: `Nothing was published: ${named}`,
              fields,
              conflicts: report.conflicts,
            },
            published: false,
            dryRun,
            diff: report.diff,
          },
          422,
        );
      }
      if (report.conflicts.length) {
        const named = report.conflicts.map((p) => p.message).join('; ');
        return c.json(
          {
            error: { code: 'conflict', message: `Nothing was published: ${named}`, conflicts: report.conflicts },
            published: false,
            diff: report.diff,
          },
          409,
        );
      }
      return c.json(report, 200);
    },
  );
