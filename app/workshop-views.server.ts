import type { AppLoadContext } from '@remix-run/node';
import { findMembershipByOrgId } from '../db/operations/accounts/memberships';
import type { CatalogAudience } from '../db/operations/workshops/workshop-catalog';
import type { User } from '../db/operations/accounts/users';
import { getUser } from './auth-session.server';
import { descriptionToText } from '../core/rich-text';
import { googleCalendarUrl } from '../core/workshops/calendar';
import type { SessionListing } from '../db/operations/workshops/workshop-catalog';
import type { SessionFacts } from '../db/operations/workshops/workshop-sessions';
import type { TimeFormatter } from '../core/time-format';

/** What a listing shows of a session: when, in the organization's voice (ADR 034), and how full. */
export function sessionSummary(
  session: Pick<SessionListing, 'id' | 'startsAt' | 'endsAt'> &
    Partial<Pick<SessionListing, 'seatsLeft' | 'waitlistLength' | 'capacity'>>,
  time: TimeFormatter,
) {
  return {
    id: session.id,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    day: time.date(session.startsAt),
    time: time.timeRange(session.startsAt, session.endsAt),
    seatsLeft: session.seatsLeft,
    waitlistLength: session.waitlistLength,
    capacity: session.capacity,
  };
}

/** A session on its workshop's page: the summary plus its calendar links. */
export function sessionForDisplay(
  session: Parameters<typeof sessionSummary>[0],
  context: { orgSlug: string; time: TimeFormatter; title: string; descriptionHtml: string; location: string },
) {
  return {
    ...sessionSummary(session, context.time),
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
