import type { Executor } from '../../client';
import type { workshopRegistrations } from '../../schema/index';
import { enqueueEvent } from '../outbox/outbox';
import type { SessionFacts } from '../workshops/workshop-sessions';

export type Registration = typeof workshopRegistrations.$inferSelect;
export type RegistrationTopic =
  | 'registration.confirmed'
  | 'registration.waitlisted'
  | 'registration.offered'
  | 'registration.promoted'
  | 'registration.cancelled';

function base(baseUrl: string): string {
  return baseUrl.replace(/\/$/, '');
}

/** The private page where someone sees and cancels their registration. */
export function manageUrl(baseUrl: string, orgSlug: string, token: string): string {
  return `${base(baseUrl)}/${orgSlug}/registrations/${token}`;
}

/** The page where someone on the waitlist accepts (or declines) an offered seat. */
export function offerUrl(baseUrl: string, orgSlug: string, token: string): string {
  return `${base(baseUrl)}/${orgSlug}/offers/${token}`;
}

/**
 * The worker renders registration emails from exactly this payload. For `registration.offered`,
 * `manageUrl` is the offer's accept link; it is present only when the event carries a fresh token.
 */
export function registrationPayload(registration: Registration, session: SessionFacts, link?: string) {
  return {
    registration: {
      id: registration.id,
      email: registration.email,
      name: registration.name,
      status: registration.status,
      ...(registration.waitlistPosition !== null ? { position: registration.waitlistPosition } : {}),
      ...(registration.offerExpiresAt ? { offerExpiresAt: registration.offerExpiresAt.toISOString() } : {}),
      ...(link ? { manageUrl: link } : {}),
      // Part of a series booked as a whole: the waitlist and offer emails speak of the series.
      ...(registration.seriesGroupId ? { seriesGroupId: registration.seriesGroupId } : {}),
    },
    session: sessionInfo(session),
  };
}

/** A session as emails about it show it (and its calendar invite: stable UID, current SEQUENCE). */
export function sessionInfo(session: SessionFacts) {
  return {
    id: session.id,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    sequence: session.sequence,
    title: session.title,
    resourceTitle: session.resourceTitle,
    timeZone: session.timeZone,
  };
}

export function enqueueRegistrationEvent(
  tx: Executor,
  topic: RegistrationTopic,
  registration: Registration,
  session: SessionFacts,
  link?: string,
  /** The session itself was called off: the email says so, with staff's reason. */
  sessionCancellation?: { reason?: string | null },
): Promise<string> {
  const payload = {
    ...registrationPayload(registration, session, link),
    ...(sessionCancellation ? { sessionCancelled: true, reason: sessionCancellation.reason ?? null } : {}),
  };
  return enqueueEvent(tx, { orgId: session.orgId, topic, payload });
}
