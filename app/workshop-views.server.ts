import type { AppLoadContext } from '@remix-run/node';
import { findMembershipByOrgId } from '../db/operations/accounts/memberships';
import type { CatalogAudience } from '../db/operations/workshops/workshop-catalog';
import type { User } from '../db/operations/accounts/users';
import { getUser } from './auth-session.server';
import { descriptionToText } from '../core/rich-text';
import { googleCalendarUrl } from '../core/workshops/calendar';
import type { SessionListing } from '../db/operations/workshops/workshop-catalog';
import type { SessionFacts } from '../db/operations/workshops/workshop-sessions';

interface ZoneFormatters {
  day: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
}
const formattersByZone = new Map<string, ZoneFormatters>();

/** Intl formatters built once per zone: building them (or luxon's per-call formatting) was a catalog page's main cost. */
function formattersFor(timeZone: string): ZoneFormatters {
  let formatters = formattersByZone.get(timeZone);
  if (!formatters) {
    formatters = {
      day: new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
      time: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hour: 'numeric',
        minute: '2-digit',
        hour12: true,
        timeZoneName: 'short',
      }),
    };
    formattersByZone.set(timeZone, formatters);
  }
  return formatters;
}

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** "Friday 1 March 2030", in the venue's zone. */
function dayLabel(date: Date, timeZone: string): string {
  const p = parts(formattersFor(timeZone).day, date);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "6:00 PM" or, with the zone, "8:00 PM EST". */
function timeLabel(date: Date, timeZone: string, withZone: boolean): string {
  const p = parts(formattersFor(timeZone).time, date);
  return `${p.hour}:${p.minute} ${p.dayPeriod}${withZone ? ` ${p.timeZoneName}` : ''}`;
}

/** How a session reads on public pages: in the organization's time zone, with its calendar links. */
/** What a listing shows of a session: when, in the organization's zone, and how full. */
export function sessionSummary(
  session: Pick<SessionListing, 'id' | 'startsAt' | 'endsAt'> &
    Partial<Pick<SessionListing, 'seatsLeft' | 'waitlistLength' | 'capacity'>>,
  timeZone: string,
) {
  return {
    id: session.id,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    day: dayLabel(session.startsAt, timeZone),
    time: `${timeLabel(session.startsAt, timeZone, false)} – ${timeLabel(session.endsAt, timeZone, true)}`,
    seatsLeft: session.seatsLeft,
    waitlistLength: session.waitlistLength,
    capacity: session.capacity,
  };
}

/** A session on its workshop's page: the summary plus its calendar links. */
export function sessionForDisplay(
  session: Parameters<typeof sessionSummary>[0],
  context: { orgSlug: string; timeZone: string; title: string; descriptionHtml: string; location: string },
) {
  return {
    ...sessionSummary(session, context.timeZone),
    icsUrl: `/${context.orgSlug}/workshops/sessions/${session.id}/ics`,
    googleUrl: googleCalendarUrl({
      title: context.title,
      description: descriptionToText(context.descriptionHtml, 1000),
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      location: context.location,
    }),
  };
}

export function sessionLocation(facts: Pick<SessionFacts, 'resourceTitle' | 'resourceLocation' | 'orgName'>): string {
  return [facts.resourceTitle, facts.resourceLocation, facts.orgName].filter(Boolean).join(', ');
}

export function absoluteUrl(context: AppLoadContext, path: string): string {
  return `${context.config.publicUrl.replace(/\/$/, '')}${path}`;
}

/**
 * Who is looking at an organization's workshops: a signed-in member of it (any role) also sees its
 * members-only workshops; everyone else, members of other organizations included, is the public.
 */
export async function catalogViewer(
  request: Request,
  context: AppLoadContext,
  orgId: string,
): Promise<{ user: User | undefined; audience: CatalogAudience }> {
  const user = await getUser(request, context);
  const membership = user ? await findMembershipByOrgId(context.db, user.id, orgId) : undefined;
  return { user, audience: membership ? 'member' : 'public' };
}
