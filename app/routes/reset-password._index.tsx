import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { retryIn } from '../../core/rate-limits';
import { emailOnlySchema } from '../../core/schemas/account';
import { sendAccountLink } from '../../db/operations/accounts/auth-tokens';
import { ErrorSummary } from '../components/forms/error-summary';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Card, CardContent } from '../components/ui/card';
import { assertSameOrigin } from '../guards.server';
import { limitAttempt } from '../rate-limits.server';

const LABELS = { email: 'Email' };

export const meta: MetaFunction = () => [{ title: 'Reset your password — Infra24' }];

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: null }, { status: 422 });
  const limited = await limitAttempt(context, 'accountEmail', { email: submission.value.email });
  if (limited)
    return data(
      {
        result: submission.reply({
          formErrors: [`Too many reset links asked for; ${retryIn(limited.retryAfterSeconds)}.`],
        }),
        sent: null,
      },
      { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
    );
  await sendAccountLink(context.db, {
    purpose: 'password_reset',
    email: submission.value.email,
    baseUrl: context.config.publicUrl,
  });
  return { result: submission.reply({ resetForm: true }), sent: submission.value.email };
}

export default function RequestReset() {
  const actionData = useActionData<typeof action>();
  // Checked on the server with the same core/ schema: zod in the browser would put this public page over its weight budget.
  const [form, fields] = useForm({ id: 'reset-request', lastResult: actionData?.result });
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Reset your password</h1>
        <p className="text-sm text-muted">We email you a link to choose a new one.</p>
      </div>
      <Card>
        <CardContent className="pt-5 sm:pt-6">
          <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
            {actionData?.sent ? (
              <Notice>
                If {actionData.sent} has an account, a reset link is on its way. It works once, for 15 minutes.
              </Notice>
            ) : null}
            <ErrorSummary form={form} labels={LABELS} />
            <TextField label="Email" meta={fields.email} type="email" autoComplete="email" />
            <SubmitButton pendingText="Sending…" className="w-full">
              Email me a reset link
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
      <p className="text-center text-sm">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </main>
  );
}
