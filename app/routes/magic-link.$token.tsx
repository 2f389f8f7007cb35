import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { consumeToken, peekToken, userForToken } from '../../db/operations/accounts/auth-tokens';
import { SubmitButton } from '../components/forms/submit-button';
import { errorTitle } from '../components/route-error';
import { Card, CardContent } from '../components/ui/card';
import { assertSameOrigin } from '../guards.server';
import { safeRedirectPath, signInAndRedirect } from '../auth-session.server';
import { linkNotValid, secretLinkHeaders, whenLinkRefused } from '../secret-links.server';

export const meta: MetaFunction = ({ error }) => [
  { title: `${error ? errorTitle(error) : 'Sign in with a link'} — Infra24` },
  { name: 'robots', content: 'noindex' },
];

export const headers = secretLinkHeaders;

// Opening the link only shows a button: mail scanners that prefetch links must not use up the token.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = await peekToken(context.db, 'magic_link', params.token ?? '');
  if (!token) linkNotValid('sign-in');
  return { email: token.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  const token = await consumeToken(context.db, 'magic_link', params.token ?? '').catch(whenLinkRefused('sign-in'));
  const user = await userForToken(context.db, token);
  if (!user) linkNotValid('sign-in');
  return signInAndRedirect(context, user.id, safeRedirectPath(new URL(request.url).searchParams.get('redirectTo')));
}

export default function MagicLink() {
  const { email } = useLoaderData<typeof loader>();
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
    </main>
  );
}
