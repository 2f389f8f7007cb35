import { calendarDocument } from './calendar-event';

/**
 * One calendar invite (docs/design.md §7, ADR 030): a stable UID per booking or session, the
 * recipient's own SEQUENCE, a fresh UTC DTSTAMP, an ORGANIZER, METHOD:REQUEST — or METHOD:CANCEL
 * with STATUS:CANCELLED.
 */
export interface InviteInput {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  title: string;
  description?: string;
  location?: string;
  startsAt: Date;
  endsAt: Date;
  organizer: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** DTSTAMP: when this invite was generated. */
  generatedAt: Date;
}

export interface Invite {
  method: 'REQUEST' | 'CANCEL';
  filename: string;
  /** The attachment's Content-Type carries the same method as the body, as calendar clients expect. */
  contentType: string;
  content: string;
}

/** Stable identifiers: the same booking or session keeps its UID across every change. */
export const inviteUid = (kind: 'booking' | 'session', id: string) => `${kind}-${id}@infra24`;

export function buildInvite(input: InviteInput): Invite {
  const content = calendarDocument({ productId: '-//infra24//calendar//EN', method: input.method }, [
    {
      uid: input.uid,
      sequence: input.sequence,
      stampedAt: input.generatedAt,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      title: input.title,
      description: input.description,
      location: input.location,
      status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      organizer: input.organizer,
      attendee: input.attendee,
    },
  ]);
  return {
    method: input.method,
    filename: input.method === 'CANCEL' ? 'cancellation.ics' : 'invite.ics',
    contentType: `text/calendar; charset=utf-8; method=${input.method}`,
    content,
  };
}
