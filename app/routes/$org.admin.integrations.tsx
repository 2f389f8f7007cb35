import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { z } from 'zod';
import { integrationSecretSchema, WEBHOOK_TOPICS, webhookEndpointCreateSchema } from '../../core/schemas/integrations';
import { parseWebhookAllowList } from '../../core/webhook-addresses';
import { listInboundConflicts, setIntegrationSecret } from '../../db/operations/integrations/inbound-events';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
} from '../../db/operations/integrations/webhook-endpoints';
import { InboundConflicts } from '../components/integrations/inbound-conflicts';
import { WebhookEndpoints } from '../components/integrations/webhook-endpoints';
import { ErrorSummary } from '../components/forms/error-summary';
import { SelectField, TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { RefusalNotice } from '../components/forms/refusal-notice';
import { Notice } from '../components/notice';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
import { redirectWithFlash } from '../flash.server';
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
      inTheWay: Array.isArray(inTheWay) ? (inTheWay as unknown as { title: string; startsAt: string }[]) : [],
    })),
  };
}

/** The page's endpoint form: an address and the topics ticked (none: every topic); the secret is generated. */
const endpointFormSchema = z.object({
  url: webhookEndpointCreateSchema.shape.url,
  topics: webhookEndpointCreateSchema.shape.topics,
});
const removeEndpointSchema = z.object({ id: z.uuid() });

type Intent = 'add-endpoint' | 'delete-endpoint' | 'set-secret';
const SCHEMAS = {
  'add-endpoint': endpointFormSchema,
  'delete-endpoint': removeEndpointSchema,
  'set-secret': integrationSecretSchema,
} as const;

const isIntent = (value: unknown): value is Intent => typeof value === 'string' && Object.hasOwn(SCHEMAS, value);

export async function action(args: ActionFunctionArgs) {
  const { org } = await requireAdmin(args);
  const formData = await args.request.formData();
  const intent = formData.get('intent');
  if (!isIntent(intent)) throw data('intent: must be one of add-endpoint, delete-endpoint, set-secret', 400);
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 422 });
  const here = `/${org.slug}/admin/integrations`;
  try {
    if (intent === 'add-endpoint') {
      const input = endpointFormSchema.parse(submission.value);
      const endpoint = await createWebhookEndpoint(args.context.db, {
        orgId: org.id,
        url: input.url,
        topics: input.topics,
        allowedHosts: parseWebhookAllowList(args.context.config.WEBHOOK_ALLOWED_HOSTS),
      });
      return {
        intent,
        result: submission.reply({ resetForm: true }),
        message: 'Endpoint added. Copy its signing secret now: it is shown only once.',
        secret: endpoint.secret,
      };
    }
    if (intent === 'delete-endpoint') {
      await deleteWebhookEndpoint(args.context.db, org.id, removeEndpointSchema.parse(submission.value).id);
      return redirectWithFlash(args.context, here, { message: 'Endpoint removed: it gets no more events.' });
    }
    const input = integrationSecretSchema.parse(submission.value);
    await setIntegrationSecret(args.context.db, org.id, input.provider, input.secret);
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      message: `The ${input.provider === 'calcom' ? 'Cal.com' : 'Calendly'} signing secret is saved.`,
    };
  } catch (error) {
    return answerDomainError(error, (refusal) => ({
      intent,
      result: submission.reply(refusal.fields ? { fieldErrors: refusal.fields } : { formErrors: [refusal.message] }),
    }));
  }
}

const CLEARED: SubmissionResult = { initialValue: null };
const PROVIDERS = [
  { value: 'calcom', label: 'Cal.com' },
  { value: 'calendly', label: 'Calendly' },
];

export default function Integrations() {
  const { slug, publicUrl, endpoints, conflicts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const results = useMemo(() => {
    const resultOf = (intent: Intent) =>
      actionData ? (actionData.intent === intent ? (actionData.result as SubmissionResult) : CLEARED) : undefined;
    return { endpoint: resultOf('add-endpoint'), secret: resultOf('set-secret') };
  }, [actionData]);
  const [endpointForm, endpointFields] = useForm({
    id: 'add-endpoint',
    lastResult: results.endpoint,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: endpointFormSchema }),
    shouldValidate: 'onBlur',
  });
  const [secretForm, secretFields] = useForm({
    id: 'set-secret',
    lastResult: results.secret,
    defaultValue: { provider: 'calcom' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: integrationSecretSchema }),
    shouldValidate: 'onBlur',
  });
  const answered = (intent: Intent) =>
    actionData?.intent === intent && 'message' in actionData ? actionData : undefined;
  const added = answered('add-endpoint');
  const saved = answered('set-secret');
  // Removing an endpoint is a row's button: its refusal shows on top.
  const removalRefusal =
    actionData?.intent === 'delete-endpoint' ? (actionData.result as SubmissionResult | undefined) : undefined;
  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Integrations</h1>
      <RefusalNotice result={removalRefusal} />

      <section aria-labelledby="webhooks-heading" className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <h2 id="webhooks-heading" className="text-xl font-semibold tracking-tight">
            Webhooks to your CRM
          </h2>
          <p className="text-sm text-muted">
            For Blackbaud, Boomerang, n8n and the like: each event is POSTed as JSON, signed with{' '}
            <code className="font-mono">X-Infra24-Signature</code>; the README lists every topic and its payload.
          </p>
        </div>
        <WebhookEndpoints endpoints={endpoints} />
        <Card>
          <CardHeader>
            <CardTitle as="h3">Add an endpoint</CardTitle>
          </CardHeader>
          <CardContent>
            <Form method="post" {...getFormProps(endpointForm)} className="flex flex-col gap-4">
              <input type="hidden" name="intent" value="add-endpoint" />
              {added ? (
                <Notice>
                  <p>{added.message}</p>
                  {'secret' in added && added.secret ? (
                    <code className="mt-2 block rounded-sm bg-surface px-2 py-1 font-mono text-sm break-all text-ink">
                      {added.secret}
                    </code>
                  ) : null}
                </Notice>
              ) : null}
              <ErrorSummary form={endpointForm} labels={{ url: 'Address', topics: 'Topics' }} />
              <TextField
                meta={endpointFields.url}
                label="Address"
                type="url"
                placeholder="https://crm.example.org/hooks/infra24"
                autoComplete="off"
              />
              <fieldset
                className="flex flex-col gap-2"
                aria-describedby={endpointFields.topics.errors?.length ? endpointFields.topics.errorId : undefined}
              >
                <legend className="mb-1 text-sm font-medium">Topics</legend>
                <p className="text-sm text-muted">None ticked: every topic.</p>
                <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
                  {WEBHOOK_TOPICS.map((topic) => (
                    <label key={`${endpointForm.key}-${topic}`} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        name={endpointFields.topics.name}
                        value={topic}
                        className="size-4 accent-[var(--accent)]"
                      />
                      <code className="font-mono">{topic}</code>
                    </label>
                  ))}
                </div>
                {endpointFields.topics.errors?.length ? (
                  <p id={endpointFields.topics.errorId} className="text-sm font-medium text-danger">
                    {endpointFields.topics.errors.join(' ')}
                  </p>
                ) : null}
              </fieldset>
              <SubmitButton pendingText="Adding…" className="self-start">
                Add endpoint
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="inbound-heading" className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <h2 id="inbound-heading" className="text-xl font-semibold tracking-tight">
            Bookings from Cal.com and Calendly
          </h2>
          <p className="text-sm text-muted">
            Point their webhooks at one of these addresses and save the signing secret here. Bookings land on the person
            resource whose email matches the organizer.
          </p>
          <ul className="mt-1 flex flex-col gap-1 text-sm">
            {['calcom', 'calendly'].map((provider) => (
              <li key={provider}>
                <code className="font-mono break-all">
                  {publicUrl}/api/v1/webhooks/{provider}/{slug}
                </code>
              </li>
            ))}
          </ul>
        </div>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Signing secret</CardTitle>
            <CardDescription>Saving a new secret replaces the old one.</CardDescription>
          </CardHeader>
          <CardContent>
            <Form method="post" {...getFormProps(secretForm)} className="flex flex-col gap-4">
              <input type="hidden" name="intent" value="set-secret" />
              {saved ? <Notice>{saved.message}</Notice> : null}
              <ErrorSummary form={secretForm} labels={{ provider: 'Service', secret: 'Signing secret' }} />
              <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
                <SelectField meta={secretFields.provider} label="Service" options={PROVIDERS} />
                <TextField meta={secretFields.secret} label="Signing secret" type="password" autoComplete="off" />
              </div>
              <SubmitButton pendingText="Saving…" className="self-start">
                Save secret
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
        <InboundConflicts conflicts={conflicts} />
      </section>
    </main>
  );
}
