import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../core/errors';
import { cancelRegistrationSchema, registrationInputSchema } from '../../core/schemas/workshop';
import { parseConfig } from '../../config/env';
import { rateLimits } from '../../config/rate-limits';
import { countAttempt } from '../../db/operations/accounts/rate-limits';
import { cancelRegistration, registerForSession } from '../../db/operations/registrations/registrations';
import {
  findPublicWorkshop,
  listPublicWorkshops,
  sessionRoster,
  type WorkshopListing,
} from '../../db/operations/workshops/workshop-catalog';
import { createRouter, optionalActor, requireRole, type ApiEnv } from './context';
import { idempotencyHeaders, idempotently } from './idempotency';
import { commonErrors, conflictError, jsonBody, jsonResponse, orgParamsSchema } from './schemas';

/** The endpoints anyone may call without a key (the API key middleware asks this). */
const PUBLIC_ENDPOINTS: [string, RegExp][] = [
  ['GET', /\/orgs\/[^/]+\/workshops$/],
  ['GET', /\/orgs\/[^/]+\/workshops\/[^/]+$/],
  ['POST', /\/orgs\/[^/]+\/sessions\/[^/]+\/registrations$/],
  ['POST', /\/orgs\/[^/]+\/registrations\/[^/]+\/cancel$/],
];

export function isPublicWorkshopEndpoint(method: string, path: string): boolean {
  return PUBLIC_ENDPOINTS.some(([m, pattern]) => m === method && pattern.test(path));
}

/** The registration limits (core/rate-limits.ts); unset, the configuration's defaults. */
export type RegistrationRateLimits = ReturnType<typeof rateLimits>['registration'];

const sessionSummarySchema = z
  .object({
    id: z.uuid(),
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.number().int(),
    seatsLeft: z.number().int(),
    waitlistLength: z.number().int(),
  })
  .meta({ id: 'WorkshopSession' });

const workshopSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    tags: z.array(z.string()),
    sessions: z.array(sessionSummarySchema),
  })
  .meta({ id: 'Workshop' });

const workshopDetailSchema = workshopSummarySchema
  .extend({ descriptionHtml: z.string(), registrationMode: z.enum(['per_session', 'series']) })
  .meta({ id: 'WorkshopDetail' });

const registrationCreatedSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['registered', 'waitlisted']),
    position: z.number().int().optional(),
    manageToken: z
      .string()
      .describe('Private: lets its holder cancel this registration (for a series: the whole series). Shown once.'),
    series: z
      .array(z.object({ id: z.uuid(), sessionId: z.uuid() }))
      .optional()
      .describe(
        'For a workshop booked as a whole series: one registration per upcoming session, all sharing seriesGroupId',
      ),
    seriesGroupId: z.uuid().optional(),
  })
  .meta({ id: 'RegistrationCreated' });

const registrationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    status: z.string(),
    position: z.number().int().nullable(),
    offerExpiresAt: z.string().nullable(),
    registeredAt: z.string(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'Registration' });

function summary(workshop: WorkshopListing) {
  return {
    id: workshop.id,
    slug: workshop.slug,
    title: workshop.title,
    tags: workshop.tags,
    sessions: workshop.sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      capacity: s.capacity,
      seatsLeft: s.seatsLeft,
      waitlistLength: s.waitlistLength,
    })),
  };
}

const publicErrors = { 404: commonErrors[404], 422: commonErrors[422] } as const;
const sessionParams = z.object({ org: z.string().min(1), sessionId: z.uuid('must be a uuid') });
const itemParams = z.object({ org: z.string().min(1), id: z.uuid('must be a uuid') });

/** Mounted under express, `incoming` is express's request: its `ip` follows TRUST_PROXY (client-address.server.ts). */
function clientIp(c: Context<ApiEnv>): string {
  const incoming = (c.env as { incoming?: { ip?: string; socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.ip ?? incoming?.socket?.remoteAddress ?? 'unknown';
}

export function workshopRoutes(limits: RegistrationRateLimits = rateLimits(parseConfig({})).registration) {
  const enforce = async (c: Context<ApiEnv>, email: string) => {
    const exceeded = await countAttempt(c.get('db'), 'registration', limits, { ip: clientIp(c), email });
    if (!exceeded) return;
    const { retryAfterSeconds } = exceeded;
    const subject = exceeded.subject === 'perIp' ? 'ip' : 'email';
    c.header('Retry-After', String(retryAfterSeconds));
    throw new AppError(
      'rate_limited',
      `Too many registrations from this ${subject}; try again in ${retryAfterSeconds} s`,
      { fields: { [subject]: ['too many registrations; try again later'] } },
    );
  };
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/orgs/{org}/workshops',
        tags: ['Workshops'],
        security: [],
        summary: 'Published public workshops with upcoming sessions (no key needed)',
        request: { params: orgParamsSchema },
        responses: {
          200: jsonResponse(z.object({ workshops: z.array(workshopSummarySchema) }), 'Workshops, soonest first'),
          ...publicErrors,
        },
      }),
      async (c) => {
        const workshops = await listPublicWorkshops(c.get('db'), c.get('org').id, new Date());
        return c.json({ workshops: workshops.map(summary) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/orgs/{org}/workshops/{id}',
        tags: ['Workshops'],
        security: [],
        summary: 'One published public workshop (no key needed)',
        request: { params: itemParams },
        responses: {
          200: jsonResponse(workshopDetailSchema, 'The workshop and its upcoming sessions'),
          ...publicErrors,
        },
      }),
      async (c) => {
        const workshop = await findPublicWorkshop(
          c.get('db'),
          c.get('org').id,
          { id: c.req.valid('param').id },
          new Date(),
        );
        if (!workshop) throw new AppError('not_found', `No public workshop ${c.req.valid('param').id}`);
        return c.json(
          {
            ...summary(workshop),
            descriptionHtml: workshop.descriptionHtml,
            registrationMode: workshop.registrationMode,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/orgs/{org}/sessions/{sessionId}/registrations',
        tags: ['Workshops'],
        security: [],
        summary:
          'Register for a session, or join its waitlist when it is full; for a series workshop, for every upcoming session at once, or on the series waitlist when one is full (no key needed; rate-limited)',
        request: { params: sessionParams, headers: idempotencyHeaders, body: jsonBody(registrationInputSchema) },
        responses: {
          201: jsonResponse(registrationCreatedSchema, 'Registered, or waitlisted with a position'),
          ...publicErrors,
          ...conflictError,
          429: { ...commonErrors[422], description: 'Too many registrations from this address or for this email' },
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        await enforce(c, input.email);
        const registered = await idempotently(c, input, async (db) => {
          const { registration, manageToken, series } = await registerForSession(db, {
            ...input,
            orgId: c.get('org').id,
            sessionId: c.req.valid('param').sessionId,
            audience: 'public',
            baseUrl: c.get('publicUrl'),
          });
          const position = registration.waitlistPosition ?? undefined;
          const group = series
            ? {
                series: series.map((r) => ({ id: r.id, sessionId: r.sessionId! })),
                seriesGroupId: registration.seriesGroupId!,
              }
            : {};
          return {
            id: registration.id,
            status: registration.status as 'registered' | 'waitlisted',
            ...(position ? { position } : {}),
            manageToken,
            ...group,
          };
        });
        return c.json(registered, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/orgs/{org}/registrations/{id}/cancel',
        tags: ['Workshops'],
        summary:
          "Cancel a registration with its manage token (body {token}) or a staff key; people can't after the organization's cutoff",
        request: { params: itemParams, body: jsonBody(cancelRegistrationSchema) },
        responses: {
          200: jsonResponse(registrationSchema, 'The cancelled registration'),
          ...commonErrors,
          ...conflictError,
        },
      }),
      async (c) => {
        const registration = await cancelRegistration(c.get('db'), {
          orgId: c.get('org').id,
          registrationId: c.req.valid('param').id,
          token: c.req.valid('json').token,
          actor: optionalActor(c),
          baseUrl: c.get('publicUrl'),
        });
        return c.json(registrationView(registration), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/orgs/{org}/sessions/{sessionId}/registrations',
        tags: ['Workshops'],
        summary: "A session's registrations, waitlist and cancellations (staff key)",
        request: { params: sessionParams },
        responses: {
          200: jsonResponse(
            z.object({ registrations: z.array(registrationSchema) }),
            'Seat holders, offers, the waitlist in order, cancellations',
          ),
          ...commonErrors,
        },
      }),
      async (c) => {
        requireRole(c, 'staff');
        const roster = await sessionRoster(c.get('db'), c.get('org').id, c.req.valid('param').sessionId);
        return c.json({ registrations: roster.people.map(registrationView) }, 200);
      },
    );
}

function registrationView(r: {
  id: string;
  name: string;
  email: string;
  status: string;
  waitlistPosition: number | null;
  offerExpiresAt: Date | null;
  registeredAt: Date;
  cancelledAt: Date | null;
}) {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    status: r.status,
    position: r.waitlistPosition,
    offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
    registeredAt: r.registeredAt.toISOString(),
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
  };
}
