import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { bookingIcs } from '../../core/booking-calendar';
import { inviteUid } from '../../core/calendar-invite';
import { noteDownloadedCopy } from '../../db/operations/outbox/invite-copies';
import { findBooking } from '../../db/operations/bookings/booking-records';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { findResource } from '../../db/operations/bookings/resources';
import { requireUser } from '../guards.server';
import { feedOrganizer } from '../calendar-feeds.server';

/** "Add to calendar" for one's own booking: METHOD:PUBLISH, with the UID its emailed invites carry. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const org = await findOrganizationBySlug(args.context.db, args.params.org ?? '');
  const id = z.uuid().safeParse(args.params.id);
  const booking = org && id.success ? await findBooking(args.context.db, org.id, id.data) : undefined;
  // Someone else's booking answers like a missing one.
  if (
    !org ||
    !booking ||
    booking.createdBy !== user.id ||
    (booking.status !== 'pending' && booking.status !== 'confirmed')
  ) {
    throw new Response('No such booking', { status: 404 });
  }
  const resource = await findResource(args.context.db, org.id, booking.resourceId);
  // Noted, so a decline can take the tentative event back out with a CANCEL (ADR 030); never
  // below the SEQUENCE already emailed to this person.
  const sequence = await noteDownloadedCopy(args.context.db, {
    orgId: org.id,
    uid: inviteUid('booking', booking.id),
    email: user.email,
    eventSequence: booking.sequence,
    now: new Date(),
  });
  const ics = bookingIcs({
    bookingId: booking.id,
    sequence,
    updatedAt: booking.updatedAt,
    status: booking.status,
    title: `${resource?.title ?? 'Booking'} — ${org.name}`,
    description: booking.status === 'pending' ? 'Requested; waiting for approval.' : (booking.description ?? undefined),
    location: [
      resource?.title,
      typeof resource?.metadata.location === 'string' ? resource.metadata.location : null,
      org.name,
    ]
      .filter(Boolean)
      .join(', '),
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    organizer: feedOrganizer(args.context, org),
  });
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
      'Content-Disposition': `attachment; filename="booking-${booking.id.slice(0, 8)}.ics"`,
      'Cache-Control': 'no-store',
    },
  });
}
