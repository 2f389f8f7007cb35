import { Webhook } from 'svix';
import { AppError } from '../../core/errors';
import { parseCalcomEvent, parseCalendlyEvent } from '../../core/inbound-webhooks';
import { verifyCalcom, verifyTimestamped, type SignatureCheck } from '../../core/signatures';
import { suppressAddress } from '../../db/operations/outbox/email-messages';
import {
  applyInboundEvent,
  findIntegrationSecret,
  type InboundProvider,
} from '../../db/operations/integrations/inbound-events';
import { requireOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { createRouter } from './context';

function parseJson(raw: string): Record<string, unknown> {
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AppError('validation', 'body: must be a JSON object', { fields: { body: ['must be a JSON object'] } });
}

function refuseUnlessVerified(check: SignatureCheck, header: string): void {
  if (check.ok) return;
  const why = {
    missing: 'is missing',
    malformed: 'is malformed',
    mismatch: 'does not match the body',
    stale: 'is too old (more than 5 minutes)',
  }[check.reason];
  throw new AppError('unauthorized', `${header}: the signature ${why}`, { fields: { [header]: [why] } });
}

const PROVIDERS: Record<
  InboundProvider,
  {
    header: string;
    verify: (secret: string, raw: string, header: string | undefined) => SignatureCheck;
    parse: typeof parseCalcomEvent;
  }
> = {
  calcom: { header: 'X-Cal-Signature-256', verify: verifyCalcom, parse: parseCalcomEvent },
  calendly: {
    header: 'Calendly-Webhook-Signature',
    verify: (secret, raw, header) => verifyTimestamped(secret, raw, header, new Date(), 300),
    parse: parseCalendlyEvent,
  },
};

/**
 * Inbound webhooks. Verified on the raw body before anything is parsed; answered 2xx only once the
 * booking change is committed, so the sender retries anything we did not keep.
 */
export function inboundWebhookRoutes(options: { resendWebhookSecret?: string }) {
  const router = createRouter();
  for (const provider of Object.keys(PROVIDERS) as InboundProvider[]) {
    const { header, verify, parse } = PROVIDERS[provider];
    router.post(`/webhooks/${provider}/:org`, async (c) => {
      const raw = await c.req.text();
      const db = c.get('db');
      const org = await requireOrganizationBySlug(db, c.req.param('org'));
      const secret = await findIntegrationSecret(db, org.id, provider);
      if (!secret)
        throw new AppError(
          'not_found',
          `No ${provider} webhook secret is set for ${org.slug} (npm run cli -- integration set-secret)`,
        );
      refuseUnlessVerified(verify(secret, raw, c.req.header(header)), header);
      const payload = parseJson(raw);
      const { event, replay } = await applyInboundEvent(db, {
        orgId: org.id,
        provider,
        event: parse(payload),
        payload,
      });
      return c.json(
        {
          id: event.id,
          status: event.status,
          bookingId: event.bookingId,
          conflicts: event.conflicts ?? undefined,
          replay,
        },
        replay ? 200 : 201,
      );
    });
  }

  // Resend reports bounces and complaints through Svix-signed webhooks; those addresses get no more reminders.
  router.post('/webhooks/resend', async (c) => {
    if (!options.resendWebhookSecret) throw new AppError('not_found', 'RESEND_WEBHOOK_SECRET is not set');
    const raw = await c.req.text();
    let event: { type?: string; data?: { to?: string[] | string } };
    try {
      event = new Webhook(options.resendWebhookSecret).verify(raw, {
        'svix-id': c.req.header('svix-id') ?? '',
        'svix-timestamp': c.req.header('svix-timestamp') ?? '',
        'svix-signature': c.req.header('svix-signature') ?? '',
      }) as typeof event;
    } catch (error) {
      throw new AppError('unauthorized', `svix-signature: ${(error as Error).message}`, {
        fields: { 'svix-signature': ['does not verify'] },
      });
    }
    const reason =
      event.type === 'email.bounced' ? 'bounced' : event.type === 'email.complained' ? 'complained' : undefined;
    if (reason) {
      const recipients = Array.isArray(event.data?.to) ? event.data.to : event.data?.to ? [event.data.to] : [];
      for (const address of recipients)
        await suppressAddress(c.get('db'), { address, reason, detail: { type: event.type } });
    }
    return c.json({ received: true }, 200);
  });
  return router;
}
