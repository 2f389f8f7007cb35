import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { retryIn } from '../../core/rate-limits';
import { emailOnlySchema } from '../../core/schemas/account';
import { sendAccountLink } from '../../db/operations/accounts/auth-tokens';
import { Field, FormErrors } from '../components/field';
import { assertSameOrigin } from '../guards.server';
import { limitAttempt } from '../rate-limits.server';

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
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <main className="page narrow">
      <h1>Reset your password</h1>
      {actionData?.sent ? (
        <p className="notice">
          If {actionData.sent} has an account, a reset link is on its way. It works once, for 15 minutes.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <Field label="Email" meta={fields.email} type="email" autoComplete="email" />
        <FormErrors errors={form.errors} />
        <button type="submit">Email me a reset link</button>
      </Form>
    </main>
  );
}
