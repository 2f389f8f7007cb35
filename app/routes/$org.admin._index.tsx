import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '../guards.server';

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  return redirect(`/${org.slug}/admin/calendar`);
}
