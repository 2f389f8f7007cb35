import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { assertSameOrigin } from '../guards.server';
import { signOutAndRedirect } from '../auth-session.server';

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context);
  return signOutAndRedirect(request, context);
}

export const loader = () => redirect('/');
