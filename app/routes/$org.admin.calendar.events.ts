import type { LoaderFunctionArgs } from '@remix-run/node';
import { bookingListQuerySchema } from '../../core/schemas/booking';
import { bookingView, listBookings } from '../../db/operations/bookings/booking-records';
import { requireStaff } from '../guards.server';

/** The calendar asks for the visible window only: ?from=…&to=… (ISO instants). */
export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const query = bookingListQuerySchema.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!query.success || !query.data.from || !query.data.to) {
    return Response.json({ error: 'from and to (ISO instants, to after from) are required' }, { status: 422 });
  }
  const bookings = await listBookings(args.context.db, org.id, { ...query.data, limit: 2_000 }, { activeOnly: true });
  return Response.json({ bookings: bookings.map(bookingView) });
}
