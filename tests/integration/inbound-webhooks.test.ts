import { eq } from 'drizzle-orm';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex, signTimestamped } from '../../core/signatures';
import { createBooking } from '../../db/operations/bookings/bookings';
import { setIntegrationSecret } from '../../db/operations/integrations/inbound-events';
import { createResource } from '../../db/operations/bookings/resources';
import { bookings, emailSuppressions, inboundEvents } from '../../db/schema/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_ACTOR, createOrgWithKeys } from '../support/fixtures';

const CAL_SECRET = 'cal-secret-0123456789';
const CALENDLY_SECRET = 'calendly-secret-0123456789';
const RESEND_SECRET = `whsec_${Buffer.from('resend-webhook-secret-bytes').toString('base64')}`;

function calcomBody(triggerEvent: string, payload: Record<string, unknown>) {
  return JSON.stringify({
    triggerEvent,
    createdAt: '2030-01-01T12:00:00Z',
    payload: {
      title: 'Studio visit',
      organizer: { email: 'Host@Oolite.example', name: 'Host' },
      attendees: [{ email: 'critic@example.org', name: 'Critic' }],
      ...payload,
    },
  });
}

describe('inbound webhooks: Cal.com, Calendly and Resend', () => {
  let database: TestDatabase;
  let server: ApiServer;
  let orgId: string;
  let personId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startApiServer(database.db, { resendWebhookSecret: RESEND_SECRET });
    const { org } = await createOrgWithKeys(database.db, 'inbound-org');
    orgId = org.id;
    const person = await createResource(database.db, {
      orgId,
      actor: ADMIN_ACTOR,
      input: {
        title: 'Studio visits with Host',
        type: 'person',
        capacity: 1,
        isBookable: true,
        requiresApproval: false,
        availabilityRules: {},
        metadata: { email: 'host@oolite.example' },
      },
    });
    personId = person.id;
    await setIntegrationSecret(database.db, orgId, 'calcom', CAL_SECRET);
    await setIntegrationSecret(database.db, orgId, 'calendly', CALENDLY_SECRET);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const postCalcom = (body: string, signature?: string) =>
    server.request('POST', '/webhooks/calcom/inbound-org', {
      rawBody: body,
      headers: signature === undefined ? {} : { 'x-cal-signature-256': signature },
    });
  const countBookings = async () => (await database.db.select().from(bookings).where(eq(bookings.orgId, orgId))).length;
  const countEvents = async () => (await database.db.select().from(inboundEvents)).length;

  it('refuses a Cal.com event that is unsigned, wrongly signed or signed "no-secret-provided", and writes nothing', async () => {
    const body = calcomBody('BOOKING_CREATED', {
      uid: 'cal-1',
      startTime: '2030-01-07T15:00:00Z',
      endTime: '2030-01-07T16:00:00Z',
    });
    for (const signature of [
      undefined,
      hmacSha256Hex('another secret', body),
      'no-secret-provided',
      hmacSha256Hex(CAL_SECRET, `${body} `),
    ]) {
      const response = await postCalcom(body, signature);
      expect(response.status).toBe(401);
      expect(Object.keys(response.body.error.fields)).toEqual(['X-Cal-Signature-256']);
    }
    expect(await countBookings()).toBe(0);
    expect(await countEvents()).toBe(0);
  });

  it('books the person matched by organizer email, once: a replay changes nothing', async () => {
    const body = calcomBody('BOOKING_CREATED', {
      uid: 'cal-1',
      startTime: '2030-01-07T15:00:00Z',
      endTime: '2030-01-07T16:00:00Z',
    });
    const first = await postCalcom(body, hmacSha256Hex(CAL_SECRET, body));
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('applied');
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, first.body.bookingId));
    expect(booking).toMatchObject({
      resourceId: personId,
      status: 'confirmed',
      source: 'calcom',
      startsAt: new Date('2030-01-07T15:00:00Z'),
    });

    const replay = await postCalcom(body, hmacSha256Hex(CAL_SECRET, body));
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ replay: true, bookingId: booking.id });
    expect(await countBookings()).toBe(1);
    expect(await countEvents()).toBe(1);
  });

  it('moves the original booking on BOOKING_RESCHEDULED and cancels it on BOOKING_CANCELLED', async () => {
    const moved = calcomBody('BOOKING_RESCHEDULED', {
      uid: 'cal-2',
      rescheduleUid: 'cal-1',
      startTime: '2030-01-08T15:00:00Z',
      endTime: '2030-01-08T16:00:00Z',
    });
    const response = await postCalcom(moved, hmacSha256Hex(CAL_SECRET, moved));
    expect(response.status).toBe(201);
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, response.body.bookingId));
    expect(booking.startsAt).toEqual(new Date('2030-01-08T15:00:00Z'));
    expect(await countBookings()).toBe(1);

    const cancelled = calcomBody('BOOKING_CANCELLED', { uid: 'cal-2', cancellationReason: 'Flight delayed' });
    expect((await postCalcom(cancelled, hmacSha256Hex(CAL_SECRET, cancelled))).status).toBe(201);
    const [after] = await database.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(after).toMatchObject({ status: 'cancelled', cancelReason: 'Flight delayed' });
  });

  it('records a conflicting inbound booking with the booking in its way instead of dropping it', async () => {
    const blocker = await createBooking(database.db, {
      orgId,
      actor: ADMIN_ACTOR,
      input: {
        resourceId: personId,
        title: 'Panel review',
        startsAt: '2030-01-09T15:00:00Z',
        endsAt: '2030-01-09T17:00:00Z',
      },
    });
    const body = calcomBody('BOOKING_CREATED', {
      uid: 'cal-3',
      startTime: '2030-01-09T16:00:00Z',
      endTime: '2030-01-09T16:30:00Z',
    });
    const response = await postCalcom(body, hmacSha256Hex(CAL_SECRET, body));
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('conflict');
    expect(response.body.conflicts.map((c: { id: string }) => c.id)).toEqual([blocker.id]);
    const [recorded] = await database.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.eventKey, 'BOOKING_CREATED:cal-3'));
    expect(recorded.status).toBe('conflict');
  });

  it('answers 422 naming the field for a signed but incomplete event, and keeps nothing', async () => {
    const body = JSON.stringify({
      triggerEvent: 'BOOKING_CREATED',
      payload: { organizer: { email: 'host@oolite.example' } },
    });
    const response = await postCalcom(body, hmacSha256Hex(CAL_SECRET, body));
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toHaveProperty(['payload.uid']);
    expect(
      (await database.db.select().from(inboundEvents).where(eq(inboundEvents.eventType, 'BOOKING_CREATED'))).length,
    ).toBe(2);
  });

  describe('Calendly', () => {
    const body = JSON.stringify({
      event: 'invitee.created',
      payload: {
        uri: 'https://api.calendly.com/scheduled_events/E1/invitees/I1',
        email: 'critic@example.org',
        name: 'Critic',
        scheduled_event: {
          name: 'Portfolio review',
          start_time: '2030-01-10T15:00:00.000000Z',
          end_time: '2030-01-10T15:30:00.000000Z',
          event_memberships: [{ user_email: 'host@oolite.example' }],
        },
      },
    });
    const post = (signature?: string) =>
      server.request('POST', '/webhooks/calendly/inbound-org', {
        rawBody: body,
        headers: signature ? { 'calendly-webhook-signature': signature } : {},
      });

    it('refuses missing, wrong and stale signatures', async () => {
      const now = new Date();
      const cases: Array<[string | undefined, string]> = [
        [undefined, 'is missing'],
        [signTimestamped('wrong secret', body, now), 'does not match the body'],
        [
          signTimestamped(CALENDLY_SECRET, body, new Date(now.getTime() - 6 * 60_000)),
          'is too old (more than 5 minutes)',
        ],
        ['t=abc,v1=', 'is malformed'],
      ];
      for (const [signature, why] of cases) {
        const response = await post(signature);
        expect(response.status).toBe(401);
        expect(response.body.error.fields['Calendly-Webhook-Signature']).toEqual([why]);
      }
      expect(
        (await database.db.select().from(inboundEvents).where(eq(inboundEvents.provider, 'calendly'))).length,
      ).toBe(0);
    });

    it('books on a valid signature; the replayed request changes nothing', async () => {
      const signature = signTimestamped(CALENDLY_SECRET, body, new Date());
      const first = await post(signature);
      expect(first.status).toBe(201);
      expect(first.body.status).toBe('applied');
      const before = await countBookings();
      const replayed = await post(signature);
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({ replay: true, bookingId: first.body.bookingId });
      expect(await countBookings()).toBe(before);
    });
  });

  describe('Resend bounces (Svix signatures)', () => {
    const payload = JSON.stringify({
      type: 'email.bounced',
      created_at: '2030-01-01T00:00:00Z',
      data: { to: ['Gone@Example.org'] },
    });
    const svixHeaders = (secret: string, at = new Date()) => {
      const id = 'msg_1';
      return {
        'svix-id': id,
        'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
        'svix-signature': new Webhook(secret).sign(id, at, payload),
      };
    };

    it('refuses a wrong or stale signature, and suppresses the address on a valid one', async () => {
      const wrong = await server.request('POST', '/webhooks/resend', {
        rawBody: payload,
        headers: svixHeaders(`whsec_${Buffer.from('other').toString('base64')}`),
      });
      expect(wrong.status).toBe(401);
      const stale = await server.request('POST', '/webhooks/resend', {
        rawBody: payload,
        headers: svixHeaders(RESEND_SECRET, new Date(Date.now() - 3_600_000)),
      });
      expect(stale.status).toBe(401);
      expect(await database.db.select().from(emailSuppressions)).toEqual([]);
      const valid = await server.request('POST', '/webhooks/resend', {
        rawBody: payload,
        headers: svixHeaders(RESEND_SECRET),
      });
      expect(valid.status).toBe(200);
      const rows = await database.db.select().from(emailSuppressions);
      expect(rows.map((r) => [r.address, r.reason])).toEqual([['gone@example.org', 'bounced']]);
    });
  });
});
