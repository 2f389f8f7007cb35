import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { retryIn } from '../../core/rate-limits';
import { type SignUpInput, signUpSchema } from '../../core/schemas/account';
import { signUpOrSendLink } from '../../db/operations/accounts/accounts';
import { ErrorSummary } from '../components/forms/error-summary';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Card, CardContent } from '../components/ui/card';
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

const LABELS = { name: 'Your name', email: 'Email', password: 'Password' };

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // Checked on the server with the same core/ schema: zod in the browser would put this public page over its weight budget.
  const [form, fields] = useForm<SignUpInput>({
    id: 'sign-up',
    lastResult: actionData,
    defaultValue: { email: searchParams.get('email') ?? '' },
  });
  const redirectTo = searchParams.get('redirectTo') ?? '/';
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {actionData?.sent ? 'Check your email' : 'Create an account'}
        </h1>
      </div>
      {actionData?.sent ? (
        <Notice>
          We sent a sign-in link to {actionData.sent}. It works once, for 15 minutes: open it to finish creating your
          account (or to sign in, if you already have one).
        </Notice>
      ) : (
        <Card>
          <CardContent className="pt-5 sm:pt-6">
            <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
              <ErrorSummary form={form} labels={LABELS} />
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <TextField label="Your name" meta={fields.name} autoComplete="name" />
              <TextField label="Email" meta={fields.email} type="email" autoComplete="email" />
              <TextField
                label="Password"
                meta={fields.password}
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters"
              />
              <SubmitButton pendingText="Creating your account…" className="w-full">
                Create account
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
      )}
      <p className="text-center text-sm">
        Have an account? <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>Sign in</Link>
      </p>
    </main>
  );
}
