import { z } from 'zod';
import { AppError } from './errors';
import { parseInput } from './validation';

/** What an inbound scheduling event asks of us, whatever tool sent it. */
export type InboundAction =
  | {
      kind: 'create';
      ref: string;
      organizerEmail: string;
      title: string;
      description?: string;
      startsAt: string;
      endsAt: string;
    }
  | {
      kind: 'reschedule';
      ref: string;
      previousRef: string;
      organizerEmail: string;
      title: string;
      startsAt: string;
      endsAt: string;
    }
  | { kind: 'cancel'; ref: string; reason?: string }
  | { kind: 'ignore'; why: string };

export interface ParsedInboundEvent {
  /** Unique per event: a replay carries the same key. */
  eventKey: string;
  eventType: string;
  action: InboundAction;
}

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
const person = z.object({ email: z.email('must be an email address'), name: z.string().optional() });

const calcomSchema = z.object({
  triggerEvent: z.string().min(1),
  payload: z.object({
    uid: z.string().min(1, 'is required'),
    title: z.string().default('Cal.com booking'),
    description: z.string().nullish(),
    startTime: instant.optional(),
    endTime: instant.optional(),
    organizer: person.optional(),
    attendees: z.array(person).default([]),
    rescheduleUid: z.string().nullish(),
    cancellationReason: z.string().nullish(),
  }),
});

function requireTimes(startTime: string | undefined, endTime: string | undefined, field: string) {
  if (!startTime)
    throw new AppError('validation', `${field}.startTime: is required`, {
      fields: { [`${field}.startTime`]: ['is required'] },
    });
  if (!endTime)
    throw new AppError('validation', `${field}.endTime: is required`, {
      fields: { [`${field}.endTime`]: ['is required'] },
    });
  return { startsAt: startTime, endsAt: endTime };
}

const attendeeLine = (attendees: Array<{ email: string; name?: string }>) =>
  attendees.length
    ? `With ${attendees.map((a) => (a.name ? `${a.name} <${a.email}>` : a.email)).join(', ')}`
    : undefined;

/** Cal.com: BOOKING_CREATED, BOOKING_RESCHEDULED (uid is the new booking, rescheduleUid the original), BOOKING_CANCELLED. */
export function parseCalcomEvent(body: unknown): ParsedInboundEvent {
  const event = parseInput(calcomSchema, body);
  const p = event.payload;
  const eventKey = `${event.triggerEvent}:${p.uid}`;
  const ref = `calcom:${p.uid}`;
  const organizerEmail = () => {
    if (!p.organizer)
      throw new AppError('validation', 'payload.organizer: is required', {
        fields: { 'payload.organizer': ['is required'] },
      });
    return p.organizer.email;
  };
  switch (event.triggerEvent) {
    case 'BOOKING_CREATED':
      return {
        eventKey,
        eventType: event.triggerEvent,
        action: {
          kind: 'create',
          ref,
          organizerEmail: organizerEmail(),
          title: p.title,
          description: attendeeLine(p.attendees),
          ...requireTimes(p.startTime, p.endTime, 'payload'),
        },
      };
    case 'BOOKING_RESCHEDULED':
      if (!p.rescheduleUid)
        throw new AppError('validation', 'payload.rescheduleUid: is required', {
          fields: { 'payload.rescheduleUid': ['is required'] },
        });
      return {
        eventKey,
        eventType: event.triggerEvent,
        action: {
          kind: 'reschedule',
          ref,
          previousRef: `calcom:${p.rescheduleUid}`,
          organizerEmail: organizerEmail(),
          title: p.title,
          ...requireTimes(p.startTime, p.endTime, 'payload'),
        },
      };
    case 'BOOKING_CANCELLED':
      return {
        eventKey,
        eventType: event.triggerEvent,
        action: { kind: 'cancel', ref, reason: p.cancellationReason ?? undefined },
      };
    default:
      return {
        eventKey,
        eventType: event.triggerEvent,
        action: { kind: 'ignore', why: `${event.triggerEvent} is not a booking change` },
      };
  }
}

const calendlySchema = z.object({
  event: z.string().min(1),
  payload: z.object({
    uri: z.string().min(1, 'is required'),
    email: z.string().optional(),
    name: z.string().optional(),
    rescheduled: z.boolean().optional(),
    old_invitee: z.string().nullish(),
    cancellation: z.object({ reason: z.string().nullish() }).nullish(),
    scheduled_event: z.object({
      name: z.string().default('Calendly booking'),
      start_time: instant,
      end_time: instant,
      event_memberships: z
        .array(z.object({ user_email: z.email('must be an email address') }))
        .min(1, 'must name the host'),
    }),
  }),
});

/** Calendly: invitee.created (with old_invitee when it is a reschedule) and invitee.canceled. */
export function parseCalendlyEvent(body: unknown): ParsedInboundEvent {
  const event = parseInput(calendlySchema, body);
  const p = event.payload;
  const eventKey = `${event.event}:${p.uri}`;
  const ref = `calendly:${p.uri}`;
  const s = p.scheduled_event;
  const organizerEmail = s.event_memberships[0].user_email;
  const times = { startsAt: s.start_time, endsAt: s.end_time };
  switch (event.event) {
    case 'invitee.created':
      if (p.old_invitee) {
        return {
          eventKey,
          eventType: event.event,
          action: {
            kind: 'reschedule',
            ref,
            previousRef: `calendly:${p.old_invitee}`,
            organizerEmail,
            title: s.name,
            ...times,
          },
        };
      }
      return {
        eventKey,
        eventType: event.event,
        action: {
          kind: 'create',
          ref,
          organizerEmail,
          title: s.name,
          description: p.email ? `With ${p.name ?? ''} <${p.email}>`.trim() : undefined,
          ...times,
        },
      };
    case 'invitee.canceled':
      // A reschedule cancels the old invitee and creates a new one that names it: the creation moves the booking.
      if (p.rescheduled)
        return {
          eventKey,
          eventType: event.event,
          action: { kind: 'ignore', why: 'rescheduled: the new invitee moves the booking' },
        };
      return {
        eventKey,
        eventType: event.event,
        action: { kind: 'cancel', ref, reason: p.cancellation?.reason ?? undefined },
      };
    default:
      return {
        eventKey,
        eventType: event.event,
        action: { kind: 'ignore', why: `${event.event} is not a booking change` },
      };
  }
}
