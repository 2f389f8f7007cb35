import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { consumeToken, peekToken, userForToken } from '../../db/operations/accounts/auth-tokens';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Card, CardContent } from '../components/ui/card';
import { assertSameOrigin } from '../guards.server';
import { safeRedirectPath, signInAndRedirect } from '../auth-session.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Sign in with a link — Infra24' }];

// Opening the link only shows a button: mail scanners that prefetch links must not use up the token.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = await peekToken(context.db, 'magic_link', params.token ?? '');
  return { email: token?.email ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  try {
    const token = await consumeToken(context.db, 'magic_link', params.token ?? '');
    const user = await userForToken(context.db, token);
    if (!user) return data({ error: 'This link is not valid. Ask for a new one.' }, { status: 400 });
    return signInAndRedirect(context, user.id, safeRedirectPath(new URL(request.url).searchParams.get('redirectTo')));
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message }), 400);
  }
}

export default function MagicLink() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Posts to this very address, query included: it carries where to land (redirectTo).
  const { pathname, search } = useLocation();
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Sign in</h1>
      </div>
      {actionData?.error ? <Notice tone="danger">{actionData.error}</Notice> : null}
      {email && !actionData?.error ? (
        <Card>
          <CardContent className="pt-5 sm:pt-6">
            <Form method="post" action={`${pathname}${search}`} className="flex flex-col gap-4">
              <p>
                Sign in as <strong>{email}</strong>?
              </p>
              <SubmitButton pendingText="Signing in…" className="w-full">
                Sign in
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
      ) : (
        <p>
          {actionData?.error ? null : 'This link is not valid any more: it works once, for 15 minutes.'}{' '}
          <Link to="/login">Ask for a new one</Link>.
        </p>
      )}
    </main>
  );
}
