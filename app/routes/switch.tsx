import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { findMembershipBySlug } from '../../db/operations/accounts/memberships';
import { requireUser } from '../guards.server';

/** The organization switcher: staff land on the calendar, residents on the organization's page. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const slug = new URL(args.request.url).searchParams.get('to') ?? '';
  const membership = await findMembershipBySlug(args.context.db, user.id, slug);
  if (!membership) throw new Response('Not found', { status: 404 });
  return redirect(membership.role === 'resident' ? `/${slug}` : `/${slug}/admin/calendar`);
}
