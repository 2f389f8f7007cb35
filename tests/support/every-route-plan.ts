import type { EveryRouteFixtures } from './every-route-fixtures';

export type Role = 'anonymous' | 'resident' | 'staff' | 'admin';
export const ROLES: Role[] = ['anonymous', 'resident', 'staff', 'admin'];

/** A page, opened in Chromium as every role at every viewport. */
export interface PageVisit {
  kind: 'page';
  path: string;
}

/** A resource route (a file, a feed, JSON for the calendar): asked once, by a role allowed to. */
export interface ResourceVisit {
  kind: 'resource';
  role: Role;
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  contentType: RegExp;
}

export type Visit = PageVisit | ResourceVisit;

const page = (path: string): PageVisit => ({ kind: 'page', path });
const get = (role: Role, path: string, contentType: RegExp): ResourceVisit => ({
  kind: 'resource',
  role,
  method: 'GET',
  path,
  contentType,
});

const CALENDAR = /^text\/calendar\b/;
const JSON_TYPE = /^application\/json\b/;

/**
 * How each route of the route table is visited, by route id. A route missing here fails the suite,
 * so a new route cannot go unchecked; a route with an index child is visited through that child.
 */
export function visitPlan(f: EveryRouteFixtures): Record<string, Visit> {
  const o = `/${f.org}`;
  return {
    'routes/_index': page('/'),
    'routes/login': page('/login'),
    'routes/signup': page('/signup'),
    // Its loader only sends people home; signing out is the action (POST), which would end the role's session.
    'routes/logout': get('resident', '/logout', /^text\/html\b/),
    'routes/switch': page(`/switch?to=${f.org}`),
    'routes/magic-link.$token': page(`/magic-link/${f.magicLinkToken}`),
    'routes/reset-password._index': page('/reset-password'),
    'routes/reset-password.$token': page(`/reset-password/${f.resetPasswordToken}`),
    'routes/invitations.$token': page(`/invitations/${f.invitationToken}`),

    'routes/$org._index': page(o),
    'routes/$org.workshops._index': page(`${o}/workshops`),
    'routes/$org.workshops.$slug': page(`${o}/workshops/${f.workshopSlug}`),
    'routes/$org.workshops[.ics]': get('anonymous', `${o}/workshops.ics`, CALENDAR),
    'routes/$org.workshops.sessions.$sessionId.ics': get(
      'anonymous',
      `${o}/workshops/sessions/${f.sessionId}/ics`,
      CALENDAR,
    ),
    'routes/$org.studio-visits': page(`${o}/studio-visits`),
    'routes/$org.equipment': page(`${o}/equipment`),
    'routes/$org.offers.$token': page(`${o}/offers/${f.offerToken}`),
    'routes/$org.registrations.$token': page(`${o}/registrations/${f.manageToken}`),
    'routes/$org.calendar.$feed': get('anonymous', `${o}/calendar/${f.feedToken}.ics`, CALENDAR),

    'routes/$org.dashboard._index': page(`${o}/dashboard`),
    'routes/$org.dashboard.bookings': page(`${o}/dashboard/bookings`),
    'routes/$org.dashboard.bookings.$id.ics': get(
      'resident',
      `${o}/dashboard/bookings/${f.residentBookingId}/ics`,
      CALENDAR,
    ),
    'routes/$org.dashboard.calendar': page(`${o}/dashboard/calendar`),
    'routes/$org.dashboard.workshops': page(`${o}/dashboard/workshops`),

    'routes/$org.admin._index': page(`${o}/admin`),
    'routes/$org.admin.bookings': page(`${o}/admin/bookings`),
    'routes/$org.admin.calendar': page(`${o}/admin/calendar`),
    'routes/$org.admin.calendar.events': get(
      'staff',
      `${o}/admin/calendar/events?from=2031-05-04T00:00:00Z&to=2031-05-11T00:00:00Z`,
      JSON_TYPE,
    ),
    'routes/$org.admin.calendar.bookings': {
      kind: 'resource',
      role: 'staff',
      method: 'POST',
      path: `${o}/admin/calendar/bookings`,
      json: {
        intent: 'create',
        booking: {
          resourceId: f.resourceId,
          title: 'Open studio',
          startsAt: '2031-05-08T14:00:00Z',
          endsAt: '2031-05-08T15:00:00Z',
        },
      },
      contentType: JSON_TYPE,
    },
    'routes/$org.admin.integrations': page(`${o}/admin/integrations`),
    'routes/$org.admin.mailbox._index': page(`${o}/admin/mailbox`),
    'routes/$org.admin.mailbox.$id': page(`${o}/admin/mailbox/${f.mailboxMessageId}`),
    'routes/$org.admin.mailbox.$id.attachments.$index': get(
      'admin',
      `${o}/admin/mailbox/${f.mailboxMessageId}/attachments/0`,
      CALENDAR,
    ),
    'routes/$org.admin.outbox': page(`${o}/admin/outbox`),
    'routes/$org.admin.resources._index': page(`${o}/admin/resources`),
    'routes/$org.admin.resources.new': page(`${o}/admin/resources/new`),
    'routes/$org.admin.resources.$id': page(`${o}/admin/resources/${f.resourceId}`),
    'routes/$org.admin.seasons._index': page(`${o}/admin/seasons`),
    'routes/$org.admin.seasons.$id': page(`${o}/admin/seasons/${f.seasonId}`),
    'routes/$org.admin.seasons.$id.publish': {
      kind: 'resource',
      role: 'staff',
      method: 'POST',
      path: `${o}/admin/seasons/${f.seasonId}/publish?dryRun=1`,
      contentType: JSON_TYPE,
    },
    'routes/$org.admin.settings': page(`${o}/admin/settings`),
    'routes/$org.admin.workshops._index': page(`${o}/admin/workshops`),
    'routes/$org.admin.workshops.new': page(`${o}/admin/workshops/new`),
    'routes/$org.admin.workshops.$id': page(`${o}/admin/workshops/${f.workshopId}`),
    'routes/$org.admin.workshops.sessions.$sessionId': page(`${o}/admin/workshops/sessions/${f.sessionId}`),
    'routes/$org.admin.workshops.roster-csv.$sessionId': get(
      'staff',
      `${o}/admin/workshops/roster-csv/${f.sessionId}`,
      /^text\/csv\b/,
    ),
  };
}

/** What every secret link that does not work answers, whatever the reason (docs/design.md §8). */
export const LINK_NOT_VALID_STATUS = 404;

/**
 * A secret link of each kind that was never sent, by route id: each is opened as every role at every
 * viewport, and must answer LINK_NOT_VALID_STATUS with its page (the calendar feed too, opened in a browser).
 */
export function notValidLinkPlan(f: EveryRouteFixtures): Record<string, PageVisit> {
  const o = `/${f.org}`;
  const never = 'bm90LWEtbGluay10aGF0LXdhcy1ldmVyLXNlbnQtYW55b25l';
  return {
    'routes/magic-link.$token': page(`/magic-link/${never}`),
    'routes/reset-password.$token': page(`/reset-password/${never}`),
    'routes/invitations.$token': page(`/invitations/${never}`),
    'routes/$org.offers.$token': page(`${o}/offers/${never}`),
    'routes/$org.registrations.$token': page(`${o}/registrations/${never}`),
    'routes/$org.calendar.$feed': page(`${o}/calendar/${never}.ics`),
  };
}
