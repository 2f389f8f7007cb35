import { AppError } from '../../core/errors';
import type { DraftAccess } from '../../core/draft/access';
import type { WebhookAllowList } from '../../core/webhook-addresses';
import type { Database } from '../../db/client';
import { bookingRoutes } from './bookings';
import { createRouter, requireApiKey } from './context';
import { errorResponse, handleError } from './errors';
import { inboundWebhookRoutes } from './inbound-webhooks';
import { mailboxRoutes } from './mailbox';
import { readRequestBody } from './request-body';
import { outboxRoutes } from './outbox';
import { resourceRoutes } from './resources';
import { seasonRoutes } from './seasons';
import { webhookEndpointRoutes } from './webhook-endpoints';
import { isPublicWorkshopEndpoint, workshopRoutes, type RegistrationRateLimits } from './workshops';

export interface ApiDependencies {
  db: Database;
  logError: (error: unknown) => void;
  /** Verifies Resend's bounce and complaint webhooks (Svix); unset, that endpoint answers 404. */
  resendWebhookSecret?: string;
  /** The live season drafts (in this process, or the collab process over its socket); unset, the draft endpoints answer 503. */
  drafts?: DraftAccess;
  /** Where links in emails point (manage and offer links); PUBLIC_URL. */
  publicUrl?: string;
  registrationRateLimits?: RegistrationRateLimits;
  /** WEBHOOK_ALLOWED_HOSTS: non-public hosts webhook endpoints may point at (tests: their loopback receivers). */
  webhookAllowedHosts?: WebhookAllowList;
  /** The mailbox shows sign-in, reset and invitation emails (a demo without an email provider); unset, it does not. */
  mailboxShowsSecretLinks?: boolean;
}

/** The JSON API, mounted at /api/v1. Routes are thin: parse, check the key's role, call one operation. */
export function createApi(deps: ApiDependencies) {
  const api = createRouter().basePath('/api/v1');
  api.use('*', async (c, next) => {
    c.set('db', deps.db);
    c.set('drafts', deps.drafts);
    c.set('publicUrl', deps.publicUrl ?? new URL(c.req.url).origin);
    await next();
  });
  api.use('*', readRequestBody());
  api.use('/orgs/:org/*', requireApiKey(isPublicWorkshopEndpoint));
  api.route('/', inboundWebhookRoutes({ resendWebhookSecret: deps.resendWebhookSecret }));
  api.route('/', resourceRoutes);
  api.route('/', bookingRoutes);
  api.route('/', seasonRoutes);
  api.route('/', workshopRoutes(deps.registrationRateLimits));
  api.route('/', webhookEndpointRoutes({ allowedHosts: deps.webhookAllowedHosts }));
  api.route('/', outboxRoutes);
  api.route('/', mailboxRoutes({ showSecretLinks: deps.mailboxShowsSecretLinks ?? false }));
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Infra24 API',
      version: '1',
      description:
        'Bookings, resources and workshops of an organization. Authenticate with `Authorization: Bearer <key>`; the workshop catalog, registration and cancellation with a manage token need no key.',
    },
    security: [{ apiKey: [] }],
  });
  api.notFound((c) =>
    errorResponse(c, new AppError('not_found', `No API endpoint ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  api.onError((error, c) => handleError(error, c, deps.logError));
  return api;
}
