import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { signUpSchema } from '../../core/schemas/account';
import { isAppError } from '../../core/errors';
import { signUp } from '../../db/operations/accounts/accounts';
import { Field, FormErrors } from '../components/field';
import { assertSameOrigin } from '../guards.server';
import { safeRedirectPath, signInAndRedirect } from '../auth-session.server';

export const meta: MetaFunction = () => [{ title: 'Create an account — Infra24' }];

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signUpSchema });
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password'] }), { status: 422 });
  try {
    const user = await signUp(context.db, submission.value);
    return signInAndRedirect(context, user.id, safeRedirectPath(formData.get('redirectTo')));
  } catch (error) {
    if (isAppError(error) && error.fields)
      return json(submission.reply({ fieldErrors: error.fields, hideFields: ['password'] }), { status: 409 });
    throw error;
  }
}

export default function SignUp() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { email: searchParams.get('email') ?? '' },
  });
  return (
    <main className="page narrow">
      <h1>Create an account</h1>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
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
        Have an account?{' '}
        <Link to={`/login?redirectTo=${encodeURIComponent(searchParams.get('redirectTo') ?? '/')}`}>Sign in</Link>
      </p>
    </main>
  );
}
