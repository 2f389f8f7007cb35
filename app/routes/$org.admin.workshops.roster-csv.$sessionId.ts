import type { LoaderFunctionArgs } from '@remix-run/node';
import { DateTime } from 'luxon';
import { isAppError } from '../../core/errors';
import { toCsv } from '../../core/workshops/csv';
import { sessionRoster } from '../../db/operations/workshops/workshop-catalog';
import { requireStaff } from '../guards.server';

/** The roster as a spreadsheet: everyone who registered, with status, waitlist position and times in the org's zone. */
export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const roster = await sessionRoster(args.context.db, org.id, args.params.sessionId ?? '').catch((error) => {
    if (isAppError(error) && error.code === 'not_found') throw new Response('No such session', { status: 404 });
    throw error;
  });
  const local = (date: Date | null) =>
    date ? DateTime.fromJSDate(date, { zone: org.timeZone }).toFormat('yyyy-MM-dd HH:mm') : '';
  const csv = toCsv(
    ['name', 'email', 'status', 'waitlist_position', 'registered_at', 'cancelled_at', 'offer_expires_at'],
    roster.people.map((p) => [
      p.name,
      p.email,
      p.status,
      p.waitlistPosition,
      local(p.registeredAt),
      local(p.cancelledAt),
      local(p.offerExpiresAt),
    ]),
  );
  const day = DateTime.fromJSDate(roster.session.startsAt, { zone: org.timeZone }).toFormat('yyyy-MM-dd');
  const filename = `${roster.session.slug}-${day}.csv`;
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
