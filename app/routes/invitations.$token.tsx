import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { peekToken } from '../../db/operations/accounts/auth-tokens';
import { acceptInvitation } from '../../db/operations/accounts/memberships';
import { findOrganizationById } from '../../db/operations/accounts/organizations';
import { SubmitButton } from '../components/forms/submit-button';
import { Notice } from '../components/notice';
import { Button } from '../components/ui/button';
import { Card, CardContent } from '../components/ui/card';
import { requireUser } from '../guards.server';
import { getUser } from '../auth-session.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Invitation — Infra24' }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = await peekToken(context.db, 'invitation', params.token ?? '');
  const org = token?.orgId ? await findOrganizationById(context.db, token.orgId) : undefined;
  const user = await getUser(request, context);
  return {
    invitation: token && org ? { orgName: org.name, role: token.role, email: token.email } : null,
    signedInAs: user?.email ?? null,
    here: new URL(request.url).pathname,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  try {
    const { org } = await acceptInvitation(args.context.db, { token: args.params.token ?? '', userId: user.id });
    return redirect(`/${org.slug}`);
  } catch (error) {
    return answerDomainError(error, (refusal) => ({ error: refusal.message }), 400);
  }
}

const ROLE_NAMES: Record<string, string> = { admin: 'an admin', staff: 'staff', resident: 'a resident' };

export default function Invitation() {
  const { invitation, signedInAs, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
      <div className="flex flex-col gap-1">
        <Link to="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {invitation ? `Join ${invitation.orgName}` : 'This invitation does not work any more'}
        </h1>
      </div>
      {!invitation ? (
        <p>Invitations work once, for 7 days. Ask the person who invited you for a new one.</p>
      ) : (
        <Card>
          <CardContent className="flex flex-col gap-4 pt-5 sm:pt-6">
            <p>
              You are invited as <strong>{ROLE_NAMES[invitation.role ?? ''] ?? invitation.role}</strong> (
              {invitation.email}).
            </p>
            {actionData?.error ? <Notice tone="danger">{actionData.error}</Notice> : null}
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
      )}
    </main>
  );
}
