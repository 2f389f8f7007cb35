import { inviteUid, type InviteInput } from '../../core/calendar-invite';
import { createTimeFormatter, type TimeFormatSettings, type TimeFormatter } from '../../core/time-format';
import { sessionChangeWords } from '../../core/workshops/session-change-words';
import type { EmailContent } from './layout';
import type {
  AccountLinkPayload,
  BookingPayload,
  InvitationPayload,
  RegistrationPayload,
  SessionChangePayload,
  SessionInfo,
  SessionMessagePayload,
  SessionReminderPayload,
} from './payloads';

export interface Recipient {
  email: string;
  name: string;
}

/**
 * The invite an email would carry. `new` may put the event in a calendar; `update` and `cancel` go
 * only to someone who holds it (the worker checks, ADR 030), so the waitlisted never get a CANCEL.
 */
export type ComposedInvite = Omit<InviteInput, 'organizer' | 'generatedAt'> & { kind: 'new' | 'update' | 'cancel' };

/** What one recipient gets for one event: the content, and the calendar invite if the event changes a calendar. */
export interface ComposedEmail {
  to: Recipient;
  content: EmailContent;
  invite?: ComposedInvite;
  /** The sentence about the invite, added only when the invite is actually attached. */
  inviteNote?: string;
  /** Reminders are skipped for addresses that bounced or complained. */
  isReminder?: boolean;
}

/**
 * The organization's voice (locale, clock) in the venue's zone: a session or booking is written in
 * the zone of the place it happens, the way its calendar invite places it.
 */
const inZone = (voice: TimeFormatSettings, timeZone: string): TimeFormatter =>
  createTimeFormatter({ ...voice, timeZone });

const sessionWhen = (s: SessionInfo, voice: TimeFormatSettings): Array<[string, string]> => [
  ['When', inZone(voice, s.timeZone).longRange(s.startsAt, s.endsAt)],
  ['Where', s.resourceTitle],
];

const INVITE_NOTE = {
  new: 'The calendar invite is attached.',
  update: 'The attached invite updates your calendar.',
  cancel: 'The attachment removes it from your calendar.',
};

function sessionInvite(s: SessionInfo, to: Recipient, kind: ComposedInvite['kind']): ComposedInvite {
  const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  return {
    kind,
    uid: inviteUid('session', s.id),
    sequence: s.sequence,
    method,
    title: s.title,
    location: s.resourceTitle,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    attendee: to,
  };
}

// ---- accounts -------------------------------------------------------------------------------

export function magicLinkEmail(p: AccountLinkPayload, orgName: string, voice: TimeFormatSettings): ComposedEmail {
  return {
    to: { email: p.email, name: p.name },
    content: {
      subject: `Your sign-in link for ${orgName}`,
      heading: 'Sign in',
      paragraphs: [`Hello ${p.name}, use the button below to sign in to ${orgName}.`],
      action: { label: 'Sign in', url: p.url },
      note: `The link works once and expires ${createTimeFormatter(voice).long(p.expiresAt)}. If you did not ask for it, ignore this email.`,
    },
  };
}

export function passwordResetEmail(p: AccountLinkPayload, orgName: string, voice: TimeFormatSettings): ComposedEmail {
  return {
    to: { email: p.email, name: p.name },
    content: {
      subject: `Reset your ${orgName} password`,
      heading: 'Reset your password',
      paragraphs: [
        `Hello ${p.name}, someone asked to reset the password of this account. If it was you, choose a new one:`,
      ],
      action: { label: 'Choose a new password', url: p.url },
      note: `The link expires ${createTimeFormatter(voice).long(p.expiresAt)}. If you did not ask for it, your password stays as it is.`,
    },
  };
}

export function invitationEmail(p: InvitationPayload): ComposedEmail {
  return {
    to: { email: p.email, name: p.email },
    content: {
      subject: `${p.inviterName} invited you to ${p.orgName}`,
      heading: `Join ${p.orgName}`,
      paragraphs: [`${p.inviterName} invited you to join ${p.orgName} on Infra24 as ${p.role}.`],
      action: { label: 'Accept the invitation', url: p.url },
    },
  };
}

// ---- bookings -------------------------------------------------------------------------------

const BOOKING_COPY: Record<
  string,
  { subject: string; heading: string; lead: string; invite?: ComposedInvite['kind'] }
> = {
  'booking.requested': {
    subject: 'Request received',
    heading: 'We received your request',
    lead: 'Your booking request is waiting for approval by the team. You will hear from us either way.',
  },
  'booking.approved': {
    subject: 'Approved',
    heading: 'Your booking is approved',
    lead: 'Good news: your booking request was approved.',
    invite: 'new',
  },
  'booking.declined': {
    subject: 'Declined',
    heading: 'Your booking request was declined',
    lead: 'Sorry: your booking request was declined.',
    // Only reaches someone who downloaded the request as a tentative event.
    invite: 'cancel',
  },
  'booking.confirmed': {
    subject: 'Confirmed',
    heading: 'Your booking is confirmed',
    lead: 'Your booking is confirmed.',
    invite: 'new',
  },
  'booking.cancelled': {
    subject: 'Cancelled',
    heading: 'Your booking is cancelled',
    lead: 'This booking is cancelled.',
    invite: 'cancel',
  },
  'booking.rescheduled': {
    subject: 'Moved',
    heading: 'Your booking has moved',
    lead: 'Your booking has a new time or place.',
    invite: 'update',
  },
  'booking.updated': {
    subject: 'Updated',
    heading: 'Your booking was updated',
    lead: 'The details of your booking changed.',
    invite: 'update',
  },
};

export const BOOKING_EMAIL_TOPICS = Object.keys(BOOKING_COPY);

export function bookingEmail(
  topic: string,
  p: BookingPayload,
  to: Recipient,
  voice: TimeFormatSettings,
): ComposedEmail {
  const copy = BOOKING_COPY[topic];
  const { booking, resource } = p;
  const time = inZone(voice, resource.timeZone);
  const details: Array<[string, string]> = [
    ['What', booking.title],
    ['When', time.longRange(booking.startsAt, booking.endsAt)],
    ['Where', resource.title],
  ];
  if (p.previous && topic === 'booking.rescheduled')
    details.push(['Was', time.longRange(p.previous.startsAt, p.previous.endsAt)]);
  const reason = p.reason ?? booking.cancelReason;
  if (reason && (topic === 'booking.cancelled' || topic === 'booking.declined')) details.push(['Reason', reason]);
  // A request still waiting for approval has nothing to put in a calendar yet.
  const kind = booking.status === 'pending' && copy.invite !== 'cancel' ? undefined : copy.invite;
  return {
    to,
    content: {
      subject: `${copy.subject}: ${booking.title}`,
      heading: copy.heading,
      paragraphs: [`Hello ${to.name},`, copy.lead],
      details,
    },
    inviteNote: kind && INVITE_NOTE[kind],
    invite: kind && {
      kind,
      uid: inviteUid('booking', booking.id),
      sequence: booking.sequence,
      method: kind === 'cancel' ? 'CANCEL' : 'REQUEST',
      title: booking.title,
      description: booking.description ?? undefined,
      location: resource.title,
      startsAt: new Date(booking.startsAt),
      endsAt: new Date(booking.endsAt),
      attendee: to,
    },
  };
}

export function bookingReminderEmail(p: BookingPayload, to: Recipient, voice: TimeFormatSettings): ComposedEmail {
  const time = inZone(voice, p.resource.timeZone);
  return {
    to,
    isReminder: true,
    content: {
      subject: `Reminder: ${p.booking.title}, ${time.long(p.booking.startsAt)}`,
      heading: 'See you soon',
      paragraphs: [`Hello ${to.name}, a reminder of your booking:`],
      details: [
        ['What', p.booking.title],
        ['When', time.longRange(p.booking.startsAt, p.booking.endsAt)],
        ['Where', p.resource.title],
      ],
    },
  };
}

// ---- registrations and sessions ---------------------------------------------------------------

export function registrationEmail(topic: string, p: RegistrationPayload, voice: TimeFormatSettings): ComposedEmail {
  const { registration: r, session: s } = p;
  const to = { email: r.email, name: r.name };
  const manage = r.manageUrl ? { label: 'Manage your registration', url: r.manageUrl } : undefined;
  const hello = `Hello ${r.name},`;
  const series = r.seriesGroupId !== undefined;
  switch (topic) {
    case 'registration.confirmed':
      return {
        to,
        content: {
          subject: `You're registered: ${s.title}`,
          heading: "You're registered",
          paragraphs: [hello, `Your place in ${s.title} is confirmed.`],
          details: sessionWhen(s, voice),
          action: manage,
        },
        invite: sessionInvite(s, to, 'new'),
        inviteNote: INVITE_NOTE.new,
      };
    case 'registration.waitlisted':
      return {
        to,
        content: {
          subject: `On the waitlist: ${s.title}`,
          heading: "You're on the waitlist",
          paragraphs: [
            hello,
            series
              ? `${s.title} is booked as a whole series, and not every session has a place left. We will write as soon as a place opens for you in every session.`
              : `${s.title} is full. We will write as soon as a place opens for you.`,
          ],
          details: [...sessionWhen(s, voice), ['Position on the waitlist', String(r.position ?? '?')]],
          action: manage,
        },
      };
    case 'registration.offered':
      return {
        to,
        content: {
          subject: `A place opened: ${s.title}`,
          heading: 'A place is yours if you want it',
          paragraphs: [
            hello,
            series
              ? `A place opened in every session of ${s.title}: one click accepts the whole series. Accept before the offer expires; after that it goes to the next person on the waitlist.`
              : `A place opened in ${s.title}. Accept it before the offer expires; after that it goes to the next person on the waitlist.`,
          ],
          details: [
            ...sessionWhen(s, voice),
            ...(r.offerExpiresAt
              ? [['Offer expires', inZone(voice, s.timeZone).long(r.offerExpiresAt)] as [string, string]]
              : []),
          ],
          action: { label: 'Accept the place', url: r.acceptUrl ?? r.manageUrl ?? '' },
        },
      };
    case 'registration.promoted':
      return {
        to,
        content: {
          subject: `You're in: ${s.title}`,
          heading: 'You moved up from the waitlist',
          paragraphs: [hello, `A place opened and it is yours: you are registered for ${s.title}.`],
          details: sessionWhen(s, voice),
          action: manage,
        },
        invite: sessionInvite(s, to, 'new'),
        inviteNote: INVITE_NOTE.new,
      };
    case 'registration.cancelled':
      return {
        to,
        content: p.sessionCancelled
          ? sessionChangeWords(
              'registration.cancelled',
              { title: s.title, reason: p.reason },
              to.name,
              sessionWhen(s, voice),
            )
          : {
              subject: `Registration cancelled: ${s.title}`,
              heading: 'Your registration is cancelled',
              paragraphs: [hello, `Your registration for ${s.title} is cancelled.`],
              details: sessionWhen(s, voice),
            },
        invite: sessionInvite(s, to, 'cancel'),
        inviteNote: INVITE_NOTE.cancel,
      };
    default:
      throw new Error(`No email for ${topic}`);
  }
}

export const REGISTRATION_EMAIL_TOPICS = [
  'registration.confirmed',
  'registration.waitlisted',
  'registration.offered',
  'registration.promoted',
  'registration.cancelled',
];

export function sessionChangeEmails(
  topic: 'session.rescheduled' | 'session.cancelled',
  p: SessionChangePayload,
  voice: TimeFormatSettings,
): ComposedEmail[] {
  const s = p.session;
  return p.registrants.map((to) => {
    const cancelled = topic === 'session.cancelled';
    const { subject, heading, paragraphs, details } = sessionChangeWords(
      topic,
      { title: s.title, reason: p.reason },
      to.name,
      sessionWhen(s, voice),
    );
    return {
      to,
      content: { subject, heading, paragraphs, details },
      invite: sessionInvite(s, to, cancelled ? 'cancel' : 'update'),
      inviteNote: INVITE_NOTE[cancelled ? 'cancel' : 'update'],
    };
  });
}

/** Staff's own words to each registrant, as paragraphs (the layout escapes them), with the session's details. */
export function sessionMessageEmails(p: SessionMessagePayload, voice: TimeFormatSettings): ComposedEmail[] {
  const paragraphs = p.body
    .split(/\n\s*\n/)
    .map((text) => text.trim())
    .filter(Boolean);
  return p.registrants.map((to) => ({
    to,
    content: {
      subject: `${p.subject} — ${p.session.title}`,
      heading: p.subject,
      paragraphs: [`Hello ${to.name},`, ...paragraphs, `— ${p.from}`],
      details: sessionWhen(p.session, voice),
    },
  }));
}

export function sessionReminderEmail(p: SessionReminderPayload, voice: TimeFormatSettings): ComposedEmail {
  const s = p.session;
  const to = { email: p.registration.email, name: p.registration.name };
  return {
    to,
    isReminder: true,
    content: {
      subject: `Reminder: ${s.title}, ${inZone(voice, s.timeZone).long(s.startsAt)}`,
      heading: 'See you soon',
      paragraphs: [`Hello ${to.name}, a reminder that you are registered for ${s.title}.`],
      details: sessionWhen(s, voice),
      action: p.registration.manageUrl
        ? { label: 'Manage your registration', url: p.registration.manageUrl }
        : undefined,
    },
  };
}
