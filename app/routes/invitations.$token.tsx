import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { peekToken } from '../../db/operations/accounts/auth-tokens';
import { acceptInvitation } from '../../db/operations/accounts/memberships';
import { findOrganizationById } from '../../db/operations/accounts/organizations';
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

export default function Invitation() {
  const { invitation, signedInAs, here } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!invitation) {
    return (
      <main className="page narrow">
        <h1>This invitation does not work any more</h1>
        <p>Invitations work once, for 7 days. Ask the person who invited you for a new one.</p>
      </main>
    );
  }
  return (
    <main className="page narrow">
      <h1>Join {invitation.orgName}</h1>
      <p>
        You are invited as <strong>{invitation.role}</strong> ({invitation.email}).
      </p>
      {actionData?.error ? (
        <p className="error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {signedInAs ? (
        <Form method="post">
          <p className="muted">Signed in as {signedInAs}.</p>
          <button type="submit">Accept the invitation</button>
        </Form>
      ) : (
        <p>
          <Link
            className="button"
            to={`/signup?email=${encodeURIComponent(invitation.email)}&redirectTo=${encodeURIComponent(here)}`}
          >
            Create an account
          </Link>{' '}
          or <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>sign in</Link> to accept.
        </p>
      )}
    </main>
  );
}
