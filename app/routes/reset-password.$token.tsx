import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { newPasswordSchema } from '../../core/schemas/account';
import { setPassword } from '../../db/operations/accounts/accounts';
import { consumeToken, peekToken } from '../../db/operations/accounts/auth-tokens';
import { Field, FormErrors } from '../components/field';
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

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPasswordSchema }),
    shouldValidate: 'onBlur',
  });
  if (!email && !lastResult) {
    return (
      <main className="page narrow">
        <h1>This link does not work any more</h1>
        <p>
          Reset links work once, for 15 minutes. <Link to="/reset-password">Ask for a new one</Link>.
        </p>
      </main>
    );
  }
  return (
    <main className="page narrow">
      <h1>Choose a new password</h1>
      {email ? <p className="muted">For {email}. You will be signed out everywhere else.</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <Field
          label="New password"
          meta={fields.password}
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
        />
        <Field label="Repeat it" meta={fields.confirm} type="password" autoComplete="new-password" />
        <FormErrors errors={form.errors} />
        <button type="submit">Save and sign in</button>
      </Form>
    </main>
  );
}
