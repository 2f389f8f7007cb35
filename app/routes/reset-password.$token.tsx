import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { newPasswordSchema } from '../../core/schemas/account';
import { setPassword } from '../../db/operations/accounts/accounts';
import { consumeToken, peekToken } from '../../db/operations/accounts/auth-tokens';
import { ErrorSummary } from '../components/forms/error-summary';
import { errorTitle } from '../components/route-error';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Card, CardContent } from '../components/ui/card';
import { assertSameOrigin } from '../guards.server';
import { signInAndRedirect } from '../auth-session.server';
import { linkNotValid, secretLinkHeaders, whenLinkRefused } from '../secret-links.server';

export const meta: MetaFunction = ({ error }) => [
  { title: `${error ? errorTitle(error) : 'Choose a new password'} — Infra24` },
  { name: 'robots', content: 'noindex' },
];

export const headers = secretLinkHeaders;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = await peekToken(context.db, 'password_reset', params.token ?? '');
  if (!token) linkNotValid('password-reset');
  return { email: token.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  // A link that does not work says so before anything is said about the form.
  if (!(await peekToken(context.db, 'password_reset', params.token ?? ''))) linkNotValid('password-reset');
  const submission = parseWithZod(await request.formData(), { schema: newPasswordSchema });
  if (submission.status !== 'success')
    return data(submission.reply({ hideFields: ['password', 'confirm'] }), { status: 422 });
  const token = await consumeToken(context.db, 'password_reset', params.token ?? '').catch(
    whenLinkRefused('password-reset'),
  );
  await setPassword(context.db, token.userId!, submission.value.password);
  return signInAndRedirect(context, token.userId!, '/');
}

const LABELS = { password: 'New password', confirm: 'Repeat it' };

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // Checked on the server with the same core/ schema: zod in the browser would put this public page over its weight budget.
  const [form, fields] = useForm({ id: 'new-password', lastResult });
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Choose a new password</h1>
        <p className="text-sm text-muted">For {email}. You will be signed out everywhere else.</p>
      </div>
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
    </main>
  );
}
