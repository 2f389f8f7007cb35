import { organizationTimeFormat, type TimeFormatSettings } from '../core/time-format';
import type { Database } from '../db/client';
import { bookingView } from '../db/operations/bookings/booking-records';
import { resourceSummary } from '../db/operations/bookings/bookings';
import { findOrganizationById, type Organization } from '../db/operations/accounts/organizations';
import type { OutboxRow } from '../db/operations/outbox/outbox-relay';
import {
  dropReminders,
  findBookingForReminder,
  findUserContact,
  scheduleReminder,
} from '../db/operations/outbox/reminders';
import { DeliveryError } from './delivery-error';
import {
  BOOKING_EMAIL_TOPICS,
  REGISTRATION_EMAIL_TOPICS,
  bookingEmail,
  bookingReminderEmail,
  invitationEmail,
  magicLinkEmail,
  passwordResetEmail,
  registrationEmail,
  sessionChangeEmails,
  sessionMessageEmails,
  sessionReminderEmail,
  type ComposedEmail,
} from './email/messages';
import type {
  AccountLinkPayload,
  BookingPayload,
  BookingReminderPayload,
  InvitationPayload,
  RegistrationPayload,
  SessionChangePayload,
  SessionMessagePayload,
  SessionReminderPayload,
} from './email/payloads';
import { sendEmails, type EmailDeps } from './email-delivery';
import type { DeliverEvent } from './relay';
import { createWebhookDelivery, type WebhookDeliveryOptions } from './webhooks';

const DEFAULT_REMINDER_HOURS = 24;

interface HandlerContext {
  db: Database;
  event: OutboxRow;
  org: Organization | undefined;
  now: Date;
}

/** What a topic does besides webhooks: the emails it sends, and the reminders it schedules, moves or drops. */
type TopicHandler = (ctx: HandlerContext) => Promise<ComposedEmail[]>;

function reminderTime(ctx: HandlerContext, startsAt: string): Date | undefined {
  const hours = ctx.org?.settings.reminderHours ?? DEFAULT_REMINDER_HOURS;
  const at = new Date(new Date(startsAt).getTime() - hours * 3_600_000);
  // Too late for a reminder: the confirmation that is going out now says the same.
  return at > ctx.now ? at : undefined;
}

/** How the organization writes time; an event with no organization (none today) speaks UTC. */
const voiceOf = (ctx: HandlerContext): TimeFormatSettings =>
  ctx.org ? organizationTimeFormat(ctx.org) : { timeZone: 'UTC' };

/** Topics about bookings, registrations and sessions always belong to an organization. */
function orgIdOf(event: { orgId: string | null; topic: string }): string {
  if (!event.orgId) throw new Error(`a ${event.topic} event without an organization`);
  return event.orgId;
}

const bookingReminderKey = (id: string) => `reminder:booking:${id}`;
const sessionReminderKey = (sessionId: string, email?: string) =>
  `reminder:session:${sessionId}:${email?.toLowerCase() ?? ''}`;

async function bookingHandler(ctx: HandlerContext): Promise<ComposedEmail[]> {
  const { event, db } = ctx;
  const payload = event.payload as unknown as BookingPayload;
  const { booking } = payload;
  const key = bookingReminderKey(booking.id);
  const remindAt = booking.status === 'confirmed' ? reminderTime(ctx, booking.startsAt) : undefined;
  if (remindAt) {
    await scheduleReminder(db, {
      orgId: orgIdOf(event),
      key,
      topic: 'reminder.booking',
      deliverAfter: remindAt,
      payload: { bookingId: booking.id },
    });
  } else if (booking.status !== 'pending') {
    await dropReminders(db, key);
  }
  // The person who booked hears of it; bookings made with an API key have nobody to write to.
  const recipient = booking.createdBy ? await findUserContact(db, booking.createdBy) : undefined;
  return recipient ? [bookingEmail(event.topic, payload, recipient, voiceOf(ctx))] : [];
}

async function bookingReminderHandler(ctx: HandlerContext): Promise<ComposedEmail[]> {
  const { bookingId } = ctx.event.payload as unknown as BookingReminderPayload;
  const found = await findBookingForReminder(ctx.db, orgIdOf(ctx.event), bookingId);
  // Read again at delivery: a booking cancelled or moved since then is not reminded by this row.
  if (!found || found.booking.status !== 'confirmed' || !found.creatorEmail || found.booking.startsAt <= ctx.now)
    return [];
  // The same shape as the booking events' payloads.
  const payload: BookingPayload = { booking: bookingView(found.booking), resource: resourceSummary(found.resource) };
  return [
    bookingReminderEmail(
      payload,
      { email: found.creatorEmail, name: found.creatorName ?? found.creatorEmail },
      voiceOf(ctx),
    ),
  ];
}

async function registrationHandler(ctx: HandlerContext): Promise<ComposedEmail[]> {
  const { event, db } = ctx;
  const payload = event.payload as unknown as RegistrationPayload;
  const { registration, session } = payload;
  const key = sessionReminderKey(session.id, registration.email);
  if (event.topic === 'registration.confirmed' || event.topic === 'registration.promoted') {
    const remindAt = reminderTime(ctx, session.startsAt);
    if (remindAt) {
      const reminder: SessionReminderPayload = {
        registration: { email: registration.email, name: registration.name, manageUrl: registration.manageUrl },
        session,
      };
      await scheduleReminder(db, {
        orgId: orgIdOf(event),
        key,
        topic: 'reminder.session',
        deliverAfter: remindAt,
        payload: reminder as unknown as Record<string, unknown>,
      });
    }
  } else if (event.topic === 'registration.cancelled') {
    await dropReminders(db, key);
  }
  return [registrationEmail(event.topic, payload, voiceOf(ctx))];
}

async function sessionChangeHandler(ctx: HandlerContext): Promise<ComposedEmail[]> {
  const { event, db } = ctx;
  const payload = event.payload as unknown as SessionChangePayload;
  const topic = event.topic as 'session.rescheduled' | 'session.cancelled';
  if (topic === 'session.cancelled') {
    await dropReminders(db, sessionReminderKey(payload.session.id), { prefix: true });
  } else {
    const remindAt = reminderTime(ctx, payload.session.startsAt);
    for (const registrant of payload.registrants) {
      const key = sessionReminderKey(payload.session.id, registrant.email);
      if (!remindAt) {
        await dropReminders(db, key);
        continue;
      }
      const reminder: SessionReminderPayload = { registration: registrant, session: payload.session };
      await scheduleReminder(db, {
        orgId: orgIdOf(event),
        key,
        topic: 'reminder.session',
        deliverAfter: remindAt,
        payload: reminder as unknown as Record<string, unknown>,
      });
    }
  }
  return sessionChangeEmails(topic, payload, voiceOf(ctx));
}

const HANDLERS: Record<string, TopicHandler> = {
  'account.magic_link': async (ctx) => [
    magicLinkEmail(ctx.event.payload as unknown as AccountLinkPayload, ctx.org?.name ?? 'Infra24', voiceOf(ctx)),
  ],
  'account.password_reset': async (ctx) => [
    passwordResetEmail(ctx.event.payload as unknown as AccountLinkPayload, ctx.org?.name ?? 'Infra24', voiceOf(ctx)),
  ],
  'account.invitation': async (ctx) => [invitationEmail(ctx.event.payload as unknown as InvitationPayload)],
  'reminder.booking': bookingReminderHandler,
  'reminder.session': async (ctx) => [
    sessionReminderEmail(ctx.event.payload as unknown as SessionReminderPayload, voiceOf(ctx)),
  ],
  'session.rescheduled': sessionChangeHandler,
  'session.cancelled': sessionChangeHandler,
  'session.message': async (ctx) =>
    sessionMessageEmails(ctx.event.payload as unknown as SessionMessagePayload, voiceOf(ctx)),
  ...Object.fromEntries(BOOKING_EMAIL_TOPICS.map((topic) => [topic, bookingHandler])),
  ...Object.fromEntries(REGISTRATION_EMAIL_TOPICS.map((topic) => [topic, registrationHandler])),
};

/**
 * Delivers one outbox event: its emails (and reminder bookkeeping), then its webhooks. Both are tried;
 * if either failed the event is retried, and the email guard keeps anyone from being mailed twice.
 */
export function createDispatcher(
  deps: EmailDeps & { now?: () => Date; webhooks?: WebhookDeliveryOptions },
): DeliverEvent {
  const clock = deps.now ?? (() => new Date());
  const deliverToWebhooks = createWebhookDelivery({ now: () => clock().getTime(), ...deps.webhooks });
  return async (event, signal) => {
    const now = clock();
    const failures: string[] = [];
    let retryAfterMs: number | undefined;
    let attempted = false;
    const handler = HANDLERS[event.topic];
    if (handler) {
      try {
        const org = event.orgId ? await findOrganizationById(deps.db, event.orgId) : undefined;
        const emails = await handler({ db: deps.db, event, org, now });
        await sendEmails(deps, event, org, emails, signal, now);
      } catch (error) {
        failures.push(`email: ${(error as Error).message}`);
        retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
        attempted = true;
      }
    }
    try {
      await deliverToWebhooks(deps.db, event, signal, now);
    } catch (error) {
      failures.push((error as Error).message);
      retryAfterMs = Math.max(retryAfterMs ?? 0, (error as DeliveryError).retryAfterMs ?? 0) || undefined;
      if (!(error instanceof DeliveryError && error.notAttempted)) attempted = true;
    }
    if (failures.length > 0) throw new DeliveryError(failures.join('; '), { retryAfterMs, notAttempted: !attempted });
  };
}
