import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { fieldErrors } from '../../core/validation';
import { parseWebhookAllowList } from '../../core/webhook-addresses';
import { listInboundConflicts, setIntegrationSecret } from '../../db/operations/integrations/inbound-events';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
} from '../../db/operations/integrations/webhook-endpoints';
import { Time } from '../components/time-format';
import { requireAdmin } from '../guards.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Integrations — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireAdmin(args);
  const [endpoints, conflicts] = await Promise.all([
    listWebhookEndpoints(args.context.db, org.id),
    listInboundConflicts(args.context.db, org.id),
  ]);
  return {
    slug: org.slug,
    publicUrl: args.context.config.publicUrl,
    endpoints: endpoints.map(({ id, url, topics, active, createdAt }) => ({ id, url, topics, active, createdAt })),
    conflicts: conflicts.map(({ id, provider, eventType, detail, createdAt, conflicts: inTheWay }) => ({
      id,
      provider,
      eventType,
      detail,
      createdAt,
      inTheWay,
    })),
  };
}

const topicsText = z
  .string()
  .optional()
  .transform((text) =>
    (text ?? '')
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean),
  );
const integrationActions = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add-endpoint'),
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
    topics: topicsText,
  }),
  z.object({ intent: z.literal('delete-endpoint'), id: z.uuid() }),
  z.object({
    intent: z.literal('set-secret'),
    provider: z.enum(['calcom', 'calendly']),
    secret: z
      .string()
      .trim()
      .min(8, 'must be at least 8 characters')
      .max(500)
      .refine((s) => s !== 'no-secret-provided', 'is not a secret'),
  }),
]);

export async function action(args: ActionFunctionArgs) {
  const { org } = await requireAdmin(args);
  const form = Object.fromEntries(await args.request.formData());
  const parsed = integrationActions.safeParse(form);
  if (!parsed.success)
    return data(
      {
        ok: false,
        message: Object.entries(fieldErrors(parsed.error))
          .map(([f, m]) => `${f}: ${m.join('; ')}`)
          .join(' '),
        secret: null,
      },
      { status: 422 },
    );
  const input = parsed.data;
  try {
    if (input.intent === 'add-endpoint') {
      const endpoint = await createWebhookEndpoint(args.context.db, {
        orgId: org.id,
        url: input.url,
        topics: input.topics,
        allowedHosts: parseWebhookAllowList(args.context.config.WEBHOOK_ALLOWED_HOSTS),
      });
      return {
        ok: true,
        message: 'Endpoint added. Its signing secret is shown only now:',
        secret: endpoint.secret,
      };
    }
    if (input.intent === 'delete-endpoint') {
      await deleteWebhookEndpoint(args.context.db, org.id, input.id);
      return { ok: true, message: 'Endpoint removed.', secret: null };
    }
    await setIntegrationSecret(args.context.db, org.id, input.provider, input.secret);
    return {
      ok: true,
      message: `The ${input.provider === 'calcom' ? 'Cal.com' : 'Calendly'} signing secret is saved.`,
      secret: null,
    };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ ok: false, message: refusal.message, secret: null }));
  }
}

export default function Integrations() {
  const { slug, publicUrl, endpoints, conflicts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>Integrations</h1>
      {result ? (
        <p className={result.ok ? 'notice' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.message} {result.secret ? <code>{result.secret}</code> : null}
        </p>
      ) : null}
      <h2>Webhooks to your CRM (Blackbaud, Boomerang, n8n…)</h2>
      <p className="muted">
        Each event is POSTed as JSON, signed with <code>X-Infra24-Signature</code>; the README lists every topic and its
        payload.
      </p>
      <table>
        <thead>
          <tr>
            <th>URL</th>
            <th>Topics</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.id}>
              <td>{e.url}</td>
              <td>{e.topics.length ? e.topics.join(', ') : 'every topic'}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="id" value={e.id} />
                  <button type="submit" name="intent" value="delete-endpoint" className="danger">
                    Remove
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="row">
        <label className="field">
          URL <input name="url" type="url" required placeholder="https://crm.example.org/hooks/infra24" />
        </label>
        <label className="field">
          Topics (empty: all) <input name="topics" placeholder="booking.confirmed, registration.confirmed" />
        </label>
        <button type="submit" name="intent" value="add-endpoint">
          Add endpoint
        </button>
      </Form>

      <h2>Bookings from Cal.com and Calendly</h2>
      <p className="muted">
        Point their webhooks at{' '}
        <code>
          {publicUrl}/api/v1/webhooks/calcom/{slug}
        </code>{' '}
        or{' '}
        <code>
          {publicUrl}/api/v1/webhooks/calendly/{slug}
        </code>{' '}
        and save the signing secret here. Bookings land on the person resource whose email matches the organizer.
      </p>
      <Form method="post" className="row">
        <label className="field">
          Service
          <select name="provider">
            <option value="calcom">Cal.com</option>
            <option value="calendly">Calendly</option>
          </select>
        </label>
        <label className="field">
          Signing secret <input name="secret" type="password" required />
        </label>
        <button type="submit" name="intent" value="set-secret">
          Save secret
        </button>
      </Form>
      <h3>Inbound bookings that could not be placed</h3>
      {conflicts.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Received</th>
              <th>From</th>
              <th>What</th>
              <th>In the way</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={c.id}>
                <td>
                  <Time at={c.createdAt} />
                </td>
                <td>
                  {c.provider} {c.eventType}
                </td>
                <td>{c.detail}</td>
                <td>
                  {Array.isArray(c.inTheWay)
                    ? (c.inTheWay as unknown as { title: string; startsAt: string }[])
                        .map((b) => `${b.title} (${b.startsAt})`)
                        .join(', ')
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
