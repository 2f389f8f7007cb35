import type { AppLoadContext } from '@remix-run/node';
import { DateTime } from 'luxon';
import { descriptionToText } from '../core/rich-text';
import { googleCalendarUrl } from '../core/workshops/calendar';
import type { SessionListing } from '../db/operations/workshop-catalog';
import type { SessionFacts } from '../db/operations/workshop-sessions';

/** How a session reads on public pages: in the organization's time zone, with its calendar links. */
export function sessionForDisplay(
  session: Pick<SessionListing, 'id' | 'startsAt' | 'endsAt'> & Partial<Pick<SessionListing, 'seatsLeft' | 'waitlistLength' | 'capacity' | 'resourceTitle'>>,
  context: { orgSlug: string; timeZone: string; title: string; descriptionHtml: string; location: string },
) {
  const start = DateTime.fromJSDate(session.startsAt, { zone: context.timeZone });
  const end = DateTime.fromJSDate(session.endsAt, { zone: context.timeZone });
  return {
    id: session.id,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    day: start.toFormat('cccc d LLLL yyyy'),
    time: `${start.toFormat('h:mm a')} – ${end.toFormat('h:mm a ZZZZ')}`,
    seatsLeft: session.seatsLeft,
    waitlistLength: session.waitlistLength,
    capacity: session.capacity,
    icsUrl: `/${context.orgSlug}/workshops/sessions/${session.id}/ics`,
    googleUrl: googleCalendarUrl({ title: context.title, description: descriptionToText(context.descriptionHtml, 1000), startsAt: session.startsAt, endsAt: session.endsAt, location: context.location }),
  };
}

export function sessionLocation(facts: Pick<SessionFacts, 'resourceTitle' | 'resourceLocation' | 'orgName'>): string {
  return [facts.resourceTitle, facts.resourceLocation, facts.orgName].filter(Boolean).join(', ');
}

export function absoluteUrl(context: AppLoadContext, path: string): string {
  return `${context.config.publicUrl.replace(/\/$/, '')}${path}`;
}
