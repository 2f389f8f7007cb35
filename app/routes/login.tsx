import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useMemo } from 'react';
import { retryIn } from '../../core/rate-limits';
import { emailOnlySchema, signInSchema } from '../../core/schemas/account';
import { slowDownFailedSignIn, verifyCredentials } from '../../db/operations/accounts/accounts';
import { sendAccountLink } from '../../db/operations/accounts/auth-tokens';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, demoAccounts } from '../../db/seed';
import { Field, FormErrors } from '../components/field';
import { assertSameOrigin } from '../guards.server';
import { getUser, safeRedirectPath, signInAndRedirect } from '../auth-session.server';
import { limitAttempt } from '../rate-limits.server';

export const meta: MetaFunction = () => [{ title: 'Sign in — Infra24' }];

/** A result that empties a form: the other form's old messages must not stay beside this one's answer. */
const CLEARED: SubmissionResult = { initialValue: null };

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context))
    return redirect(safeRedirectPath(new URL(request.url).searchParams.get('redirectTo')));
  const demo = context.config.demoMode
    ? {
        password: DEMO_PASSWORD,
        accounts: DEMO_ORGANIZATIONS.flatMap((org) => demoAccounts(org.slug).map((a) => ({ ...a, org: org.name }))),
      }
    : null;
  return { demo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(formData.get('redirectTo'));
  if (formData.get('intent') === 'magic-link') {
    const submission = parseWithZod(formData, { schema: emailOnlySchema });
    if (submission.status !== 'success')
      return data({ intent: 'magic-link', result: submission.reply() }, { status: 422 });
    const limited = await limitAttempt(context, 'accountEmail', { email: submission.value.email });
    if (limited)
      return data(
        {
          intent: 'magic-link',
          result: submission.reply({
            formErrors: [`Too many sign-in links asked for; ${retryIn(limited.retryAfterSeconds)}.`],
          }),
        },
        { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
      );
    await sendAccountLink(context.db, {
      purpose: 'magic_link',
      email: submission.value.email,
      baseUrl: context.config.publicUrl,
      redirectTo,
    });
    return { intent: 'magic-link', result: submission.reply({ resetForm: true }), sent: submission.value.email };
  }
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== 'success')
    return data({ intent: 'password', result: submission.reply({ hideFields: ['password'] }) }, { status: 422 });
  const { email, password } = submission.value;
  const limited = await limitAttempt(context, 'signIn', { email });
  if (limited) {
    return data(
      {
        intent: 'password',
        result: submission.reply({
          formErrors: [`Too many sign-in attempts; ${retryIn(limited.retryAfterSeconds)}, or use a sign-in link.`],
          hideFields: ['password'],
        }),
      },
      { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
    );
  }
  const user = await verifyCredentials(context.db, email, password);
  if (!user) {
    await slowDownFailedSignIn(context.db, email);
    return data(
      {
        intent: 'password',
        result: submission.reply({
          formErrors: ['That email and password do not match an account.'],
          hideFields: ['password'],
        }),
      },
      { status: 401 },
    );
  }
  return signInAndRedirect(context, user.id, redirectTo);
}

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo') ?? '/';
  // Each answer is given to its own form and clears the other (memoised: a new object would clear it again).
  const results = useMemo(
    () => ({
      password: actionData ? (actionData.intent === 'password' ? actionData.result : CLEARED) : undefined,
      link: actionData ? (actionData.intent === 'magic-link' ? actionData.result : CLEARED) : undefined,
    }),
    [actionData],
  );
  const [passwordForm, passwordFields] = useForm({
    id: 'password-sign-in',
    lastResult: results.password,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: 'onBlur',
  });
  const [linkForm, linkFields] = useForm({
    id: 'magic-link',
    lastResult: results.link,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
    shouldValidate: 'onBlur',
  });
  const sent = actionData && 'sent' in actionData ? actionData.sent : undefined;
  return (
    <main className="page narrow">
      <h1>Sign in</h1>
      <Form method="post" {...getFormProps(passwordForm)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Email" meta={passwordFields.email} type="email" autoComplete="email" />
        <Field label="Password" meta={passwordFields.password} type="password" autoComplete="current-password" />
        <FormErrors errors={passwordForm.errors} />
        <button type="submit" name="intent" value="password">
          Sign in
        </button>{' '}
        <Link to="/reset-password">Forgot your password?</Link>
      </Form>
      <h2>Or get a sign-in link by email</h2>
      {sent ? (
        <p className="notice">If {sent} has an account, a sign-in link is on its way. It works once, for 15 minutes.</p>
      ) : null}
      <Form method="post" {...getFormProps(linkForm)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Email" meta={linkFields.email} type="email" autoComplete="email" />
        <FormErrors errors={linkForm.errors} />
        <button type="submit" name="intent" value="magic-link" className="secondary">
          Email me a link
        </button>
      </Form>
      <p>
        New here? <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>Create an account</Link>
      </p>
      {demo ? (
        <section className="demo-accounts">
          <h2>Demo accounts</h2>
          <p className="muted">
            Every demo account uses the password <code>{demo.password}</code>.
          </p>
          <table>
            <tbody>
              {demo.accounts.map((account) => (
                <tr key={account.email}>
                  <td>{account.org}</td>
                  <td>{account.role}</td>
                  <td>
                    <code>{account.email}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}
