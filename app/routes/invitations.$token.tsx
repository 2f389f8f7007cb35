import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { peekToken } from '../../db/operations/accounts/auth-tokens';
import { acceptInvitation } from '../../db/operations/accounts/memberships';
import { findOrganizationById } from '../../db/operations/accounts/organizations';
import { SubmitButton } from '../components/forms/submit-button';
import { errorTitle } from '../components/route-error';
import { Button } from '../components/ui/button';
import { Card, CardContent } from '../components/ui/card';
import { requireUser } from '../guards.server';
import { getUser } from '../auth-session.server';
import { linkNotValid, secretLinkHeaders, whenLinkRefused } from '../secret-links.server';

export const meta: MetaFunction = ({ error }) => [
  { title: `${error ? errorTitle(error) : 'Invitation'} — Infra24` },
  { name: 'robots', content: 'noindex' },
];

export const headers = secretLinkHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = await peekToken(context.db, 'invitation', params.token ?? '');
  const org = token?.orgId ? await findOrganizationById(context.db, token.orgId) : undefined;
  if (!token || !org) linkNotValid('invitation');
  const user = await getUser(request, context);
  return {
    invitation: { orgName: org.name, role: token.role, email: token.email },
    signedInAs: user?.email ?? null,
    here: new URL(request.url).pathname,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const { org } = await acceptInvitation(args.context.db, { token: args.params.token ?? '', userId: user.id }).catch(
    whenLinkRefused('invitation'),
  );
  return redirect(`/${org.slug}`);
}

const ROLE_NAMES: Record<string, string> = { admin: 'an admin', staff: 'staff', resident: 'a resident' };

export default function Invitation() {
  const { invitation, signedInAs, here } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Join {invitation.orgName}</h1>
      </div>
      <Card>
        <CardContent className="flex flex-col gap-4 pt-5 sm:pt-6">
          <p>
            You are invited as <strong>{ROLE_NAMES[invitation.role ?? ''] ?? invitation.role}</strong> (
            {invitation.email}).
          </p>
          {signedInAs ? (
            <Form method="post" className="flex flex-col gap-3">
              <p className="text-sm text-muted">Signed in as {signedInAs}.</p>
              <SubmitButton pendingText="Joining…" className="w-full">
                Accept the invitation
              </SubmitButton>
            </Form>
          ) : (
            <div className="flex flex-col gap-3">
              <Button asChild className="w-full">
                <Link
                  to={`/signup?email=${encodeURIComponent(invitation.email)}&redirectTo=${encodeURIComponent(here)}`}
                >
                  Create an account
                </Link>
              </Button>
              <p className="text-center text-sm">
                Have an account? <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>Sign in</Link> to accept.
              </p>
            </div>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
