import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '../guards.server';

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  return redirect(`/${org.slug}/admin/calendar`);
}

// Never shown (the loader always redirects or refuses), but it makes this a page: a refusal is then
// the staff area's error page rather than a bare plain-text answer.
export default function AdminIndex() {
  return null;
}
