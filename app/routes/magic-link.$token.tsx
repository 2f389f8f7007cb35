import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { consumeToken, peekToken, userForToken } from '../../db/operations/accounts/auth-tokens';
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
    <main className="page narrow">
      <h1>Sign in</h1>
      {actionData?.error ? (
        <p className="error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {email && !actionData?.error ? (
        <Form method="post" action={`${pathname}${search}`}>
          <p>
            Sign in as <strong>{email}</strong>?
          </p>
          <button type="submit">Sign in</button>
        </Form>
      ) : (
        <p>
          {actionData?.error ? null : 'This link is not valid any more: it works once, for 15 minutes.'}{' '}
          <Link to="/login">Ask for a new one</Link>.
        </p>
      )}
    </main>
  );
}
