import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { newPasswordSchema } from '../../core/schemas/account';
import { setPassword } from '../../db/operations/accounts/accounts';
import { consumeToken, peekToken } from '../../db/operations/accounts/auth-tokens';
import { ErrorSummary } from '../components/forms/error-summary';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Card, CardContent } from '../components/ui/card';
import { assertSameOrigin } from '../guards.server';
import { signInAndRedirect } from '../auth-session.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Choose a new password — Infra24' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = await peekToken(context.db, 'password_reset', params.token ?? '');
  return { email: token?.email ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  const submission = parseWithZod(await request.formData(), { schema: newPasswordSchema });
  if (submission.status !== 'success')
    return data(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 422 });
  try {
    const token = await consumeToken(context.db, 'password_reset', params.token ?? '');
    await setPassword(context.db, token.userId!, submission.value.password);
    return signInAndRedirect(context, token.userId!, '/');
  } catch (error) {
    return answerDomainError(
      error,
      (refusal) => submission.reply({ formErrors: [refusal.message], hideFields: ['password', 'confirm'] }),
      400,
    );
  }
}

const LABELS = { password: 'New password', confirm: 'Repeat it' };

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // Checked on the server with the same core/ schema: zod in the browser would put this public page over its weight budget.
  const [form, fields] = useForm({ id: 'new-password', lastResult });
  const expired = !email && !lastResult;
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {expired ? 'This link does not work any more' : 'Choose a new password'}
        </h1>
        {email && !expired ? (
          <p className="text-sm text-muted">For {email}. You will be signed out everywhere else.</p>
        ) : null}
      </div>
      {expired ? (
        <p>
          Reset links work once, for 15 minutes. <Link to="/reset-password">Ask for a new one</Link>.
        </p>
      ) : (
        <Card>
          <CardContent className="pt-5 sm:pt-6">
            <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
              <ErrorSummary form={form} labels={LABELS} />
              <TextField
                label="New password"
                meta={fields.password}
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters"
              />
              <TextField label="Repeat it" meta={fields.confirm} type="password" autoComplete="new-password" />
              <SubmitButton pendingText="Saving…" className="w-full">
                Save and sign in
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
      )}
    </main>
  );
}
