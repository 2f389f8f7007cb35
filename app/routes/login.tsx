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
import { ErrorSummary } from '../components/forms/error-summary';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
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

const PASSWORD_LABELS = { email: 'Email', password: 'Password' };
const LINK_LABELS = { email: 'Email' };

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get('redirectTo') ?? '/';
  // Checked on the server only (the same core/ schemas): zod in the browser would put this public page over its weight budget.
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
  });
  const [linkForm, linkFields] = useForm({
    id: 'magic-link',
    lastResult: results.link,
  });
  const sent = actionData && 'sent' in actionData ? actionData.sent : undefined;
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Sign in</h1>
      </div>
      <Card>
        <CardContent className="pt-5 sm:pt-6">
          <Form method="post" {...getFormProps(passwordForm)} className="flex flex-col gap-4">
            <ErrorSummary form={passwordForm} labels={PASSWORD_LABELS} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextField label="Email" meta={passwordFields.email} type="email" autoComplete="email" />
            <TextField
              label="Password"
              meta={passwordFields.password}
              type="password"
              autoComplete="current-password"
            />
            <SubmitButton name="intent" value="password" pendingText="Signing in…" className="w-full">
              Sign in
            </SubmitButton>
            <Link to="/reset-password" className="self-start text-sm text-accent-text">
              Forgot your password?
            </Link>
          </Form>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Or get a sign-in link by email</CardTitle>
          <CardDescription>No password needed: the link signs you in once, within 15 minutes.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" {...getFormProps(linkForm)} className="flex flex-col gap-4">
            {sent ? (
              <Notice>If {sent} has an account, a sign-in link is on its way. It works once, for 15 minutes.</Notice>
            ) : null}
            <ErrorSummary form={linkForm} labels={LINK_LABELS} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextField label="Email" meta={linkFields.email} type="email" autoComplete="email" />
            <SubmitButton
              name="intent"
              value="magic-link"
              variant="secondary"
              pendingText="Sending…"
              className="w-full"
            >
              Email me a link
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
      <p className="text-center text-sm">
        New here? <Link to={`/signup?redirectTo=${encodeURIComponent(redirectTo)}`}>Create an account</Link>
      </p>
      {demo ? (
        <section aria-labelledby="demo-heading" className="demo-accounts flex flex-col gap-2">
          <h2 id="demo-heading" className="text-lg font-semibold">
            Demo accounts
          </h2>
          <p className="text-sm text-muted">
            Every demo account uses the password <code className="font-mono text-ink">{demo.password}</code>.
          </p>
          <ul className="divide-y divide-line rounded-lg border border-line bg-surface text-sm">
            {demo.accounts.map((account) => (
              <li
                key={account.email}
                className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-3 py-2"
              >
                <span>
                  {account.org} <span className="text-muted">· {account.role}</span>
                </span>
                <code className="font-mono break-all">{account.email}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
