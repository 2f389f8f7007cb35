import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { retryIn } from '../../core/rate-limits';
import { signUpSchema } from '../../core/schemas/account';
import { signUpOrSendLink } from '../../db/operations/accounts/accounts';
import { Field, FormErrors } from '../components/field';
import { safeRedirectPath } from '../auth-session.server';
import { assertSameOrigin } from '../guards.server';
import { limitAttempt } from '../rate-limits.server';

export const meta: MetaFunction = () => [{ title: 'Create an account — Infra24' }];

/**
 * Whether or not the address already has an account, the answer is "check your email": the new
 * account is confirmed by the sign-in link, and an existing owner simply receives one.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signUpSchema });
  if (submission.status !== 'success')
    return data({ ...submission.reply({ hideFields: ['password'] }), sent: null }, { status: 422 });
  const limited = await limitAttempt(context, 'accountEmail', { email: submission.value.email });
  if (limited)
    return data(
      {
        ...submission.reply({
          formErrors: [`Too many emails asked for this address; ${retryIn(limited.retryAfterSeconds)}.`],
          hideFields: ['password'],
        }),
        sent: null,
      },
      { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
    );
  await signUpOrSendLink(context.db, {
    ...submission.value,
    baseUrl: context.config.publicUrl,
    redirectTo: safeRedirectPath(formData.get('redirectTo')),
  });
  return { ...submission.reply({ resetForm: true }), sent: submission.value.email };
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { email: searchParams.get('email') ?? '' },
  });
  const redirectTo = searchParams.get('redirectTo') ?? '/';
  if (actionData?.sent) {
    return (
      <main className="page narrow">
        <h1>Check your email</h1>
        <p className="notice">
          We sent a sign-in link to {actionData.sent}. It works once, for 15 minutes: open it to finish creating your
          account (or to sign in, if you already have one).
        </p>
      </main>
    );
  }
  return (
    <main className="page narrow">
      <h1>Create an account</h1>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Your name" meta={fields.name} autoComplete="name" />
        <Field label="Email" meta={fields.email} type="email" autoComplete="email" />
        <Field
          label="Password"
          meta={fields.password}
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
        />
        <FormErrors errors={form.errors} />
        <button type="submit">Create account</button>
      </Form>
      <p>
        Have an account? <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>Sign in</Link>
      </p>
    </main>
  );
}
