/** The outbox payloads the emails are built from (written by db/operations and, later, accounts and workshops). */

export interface BookingPayload {
  booking: {
    id: string;
    title: string;
    description: string | null;
    status: string;
    startsAt: string;
    endsAt: string;
    sequence: number;
    createdBy: string | null;
    cancelReason?: string | null;
  };
  resource: { id: string; title: string; type: string; timeZone: string };
  previous?: { resourceId: string; startsAt: string; endsAt: string; title: string };
  reason?: string | null;
}

export interface SessionInfo {
  id: string;
  startsAt: string;
  endsAt: string;
  sequence: number;
  title: string;
  resourceTitle: string;
  timeZone: string;
}

export interface RegistrationPayload {
  registration: {
    id: string;
    email: string;
    name: string;
    status: string;
    position?: number;
    offerExpiresAt?: string;
    manageUrl?: string;
    acceptUrl?: string;
    seriesGroupId?: string;
  };
  session: SessionInfo;
  /** registration.cancelled because staff called the session off, and the reason they gave. */
  sessionCancelled?: boolean;
  reason?: string | null;
}

export interface SessionChangePayload {
  session: SessionInfo;
  registrants: Array<{ email: string; name: string }>;
  reason?: string | null;
}

/** Staff's message to everyone registered for a session. */
export interface SessionMessagePayload {
  session: SessionInfo;
  registrants: Array<{ email: string; name: string }>;
  subject: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
  from: string;
}

export interface AccountLinkPayload {
  email: string;
  name: string;
  url: string;
  expiresAt: string;
}

export interface InvitationPayload {
  email: string;
  orgName: string;
  inviterName: string;
  role: string;
  url: string;
}

/** reminder.booking: scheduled by the worker, read again at delivery so a moved or cancelled booking is never reminded. */
export interface BookingReminderPayload {
  bookingId: string;
}

export interface SessionReminderPayload {
  registration: { email: string; name: string; manageUrl?: string };
  session: SessionInfo;
}
