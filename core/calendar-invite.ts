import { createEvent, type EventAttributes } from 'ics';

/**
 * One calendar invite (docs/design.md §7): stable UID per booking or session, SEQUENCE from the database,
 * a fresh UTC DTSTAMP, an ORGANIZER, METHOD:REQUEST — or METHOD:CANCEL with STATUS:CANCELLED.
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
  filename: string;
  /** The attachment's Content-Type carries the same method as the body, as calendar clients expect. */
  contentType: string;
  content: string;
}

/** Stable identifiers: the same booking or session keeps its UID across every change. */
export const inviteUid = (kind: 'booking' | 'session', id: string) => `${kind}-${id}@infra24`;

/**
 * A name as an ICS parameter value (CN): `ics` wraps it in quotes but escapes a quote with a
 * backslash, which ends the value for every reader. RFC 6868 caret encoding (^' for a quote, ^^ for
 * a caret, ^n for a line break) keeps the name whole, so it cannot add parameters such as ROLE.
 */
export function icsParameterText(name: string): string {
  return name
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, '^n');
}

/** Text property values (SUMMARY, DESCRIPTION): `ics` escapes LF but passes a lone CR through raw. */
export function icsText(text: string): string;
export function icsText(text: string | undefined): string | undefined;
export function icsText(text: string | undefined): string | undefined {
  return text?.replace(/\r\n?/g, '\n');
}

/** Organizer and attendees, their names encoded as parameter values. */
export function icsPerson<T extends { name?: string }>(person: T): T;
export function icsPerson<T extends { name?: string }>(person: T | undefined): T | undefined;
export function icsPerson<T extends { name?: string }>(person: T | undefined): T | undefined {
  return person?.name === undefined ? person : { ...person, name: icsParameterText(person.name) };
}

export function buildInvite(input: InviteInput): Invite {
  const attributes: EventAttributes & { timestamp: number } = {
    productId: 'infra24/calendar',
    method: input.method,
    uid: input.uid,
    sequence: input.sequence,
    // `ics` knows no TZID: instants go in and out as UTC, which every client shows in its own zone.
    start: input.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    timestamp: input.generatedAt.getTime(),
    title: icsText(input.title),
    description: icsText(input.description),
    location: icsText(input.location),
    status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: icsPerson(input.organizer),
    attendees: input.attendee
      ? [{ ...icsPerson(input.attendee), rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }]
      : undefined,
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`Could not build the calendar invite: ${error?.message ?? 'no output'}`);
  return {
    filename: input.method === 'CANCEL' ? 'cancellation.ics' : 'invite.ics',
    contentType: `text/calendar; charset=utf-8; method=${input.method}`,
    content: value,
  };
}
