import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationOutbox, workshopRegistrations } from '../../db/schema/index';
import { cancelRegistration } from '../../db/operations/registrations/registrations';
import { acceptOffer, expireOffers } from '../../db/operations/registrations/waitlist';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { createWorkshopWithSession } from '../support/workshops';

// A fixed week far from today. Tuesday 2030-03-12, 18:00–20:00 in New York (EDT, UTC-4).
const STARTS = '2030-03-12T22:00:00Z';
const ENDS = '2030-03-13T00:00:00Z';
const BASE_URL = 'http://localhost:3000';
const REGISTRANTS = 500;
const SEATS = 20;

let database: TestDatabase;
let api: ApiServer;
let oolite: OrgFixture;
let sessionId: string;
const tokens = new Map<string, string>();
/** Who was told which waitlist position when they registered. */
const idAtPosition = new Map<number, string>();

const skip = needsPostgres('tests/integration/workshop-registration-storm.test.ts (500 concurrent registrations)');

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase({ maxConnections: 20 });
  // The storm comes from one address: the per-IP limit is raised for this server only.
  const unlimited = { limit: 100_000, windowMs: 3_600_000 };
  api = await startApiServer(database.db, {
    registrationRateLimits: { perIp: unlimited, perEmail: { limit: 5, windowMs: 3_600_000 } },
  });
  oolite = await createOrgWithKeys(database.db, 'oolite');
  const room = await createTestResource(database.db, oolite.org.id, { title: 'Classroom 1' });
  ({
    session: { id: sessionId },
  } = await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'screen-printing',
    capacity: SEATS,
    startsAt: STARTS,
    endsAt: ENDS,
  }));
}, 60_000);
afterAll(async () => {
  await api?.close();
  await database?.close();
});

function people() {
  return database.db
    .select()
    .from(workshopRegistrations)
    .where(eq(workshopRegistrations.sessionId, sessionId))
    .orderBy(asc(workshopRegistrations.waitlistPosition));
}

describe.skipIf(skip)('500 people register for 20 seats at once, over HTTP', () => {
  it('seats exactly 20 and waitlists 480 with positions 1..480, each once', async () => {
    const responses = await Promise.all(
      Array.from({ length: REGISTRANTS }, (_, i) =>
        api.request('POST', `/orgs/oolite/sessions/${sessionId}/registrations`, {
          body: { name: `Person ${i}`, email: `person${i}@example.org` },
        }),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const registered = responses.filter((r) => r.body.status === 'registered');
    const waitlisted = responses.filter((r) => r.body.status === 'waitlisted');
    expect([registered.length, waitlisted.length]).toEqual([SEATS, REGISTRANTS - SEATS]);
    expect(waitlisted.map((r) => r.body.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: REGISTRANTS - SEATS }, (_, i) => i + 1),
    );
    expect(registered.every((r) => r.body.position === undefined && typeof r.body.manageToken === 'string')).toBe(true);
    for (const r of responses) {
      tokens.set(r.body.id, r.body.manageToken);
      if (r.body.position) idAtPosition.set(r.body.position, r.body.id);
    }

    const rows = await people();
    expect(rows).toHaveLength(REGISTRANTS);
    expect(new Set(rows.map((r) => r.email.toLowerCase())).size).toBe(REGISTRANTS);
    // The database agrees with what the clients were told.
    const told = new Map(responses.map((r) => [r.body.id, r.body.position ?? null]));
    expect(rows.every((row) => told.get(row.id) === row.waitlistPosition)).toBe(true);
    const events = await database.db.select({ topic: integrationOutbox.topic }).from(integrationOutbox);
    expect(events.filter((e) => e.topic === 'registration.confirmed')).toHaveLength(SEATS);
    expect(events.filter((e) => e.topic === 'registration.waitlisted')).toHaveLength(REGISTRANTS - SEATS);
  }, 120_000);

  it('refuses the same email twice (in any case) with a 409 naming the field', async () => {
    const again = await api.request('POST', `/orgs/oolite/sessions/${sessionId}/registrations`, {
      body: { name: 'Again', email: 'PERSON7@example.org' },
    });
    expect([again.status, again.body.error.code, Object.keys(again.body.error.fields)]).toEqual([
      409,
      'conflict',
      ['email'],
    ]);
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        api.request('POST', `/orgs/oolite/sessions/${sessionId}/registrations`, {
          body: { name: 'Twin', email: 'twin@example.org' },
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('offers freed seats to the waitlist in order; an accepted offer becomes a seat', async () => {
    const seated = (await people()).filter((r) => r.status === 'registered').slice(0, 2);
    const now = new Date('2030-03-01T15:00:00Z');
    for (const person of seated) {
      const cancelled = await cancelRegistration(database.db, {
        orgId: oolite.org.id,
        registrationId: person.id,
        token: tokens.get(person.id),
        baseUrl: BASE_URL,
        now,
      });
      expect(cancelled.status).toBe('cancelled');
    }
    const rows = await people();
    const offered = rows.filter((r) => r.status === 'offered');
    // Positions 1 and 2 got the seats; everyone behind moved up two places.
    expect(offered.map((r) => r.id).sort()).toEqual([idAtPosition.get(1), idAtPosition.get(2)].sort());
    const waitlist = rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition);
    expect(waitlist).toEqual(Array.from({ length: REGISTRANTS - SEATS - 2 + 1 }, (_, i) => i + 1));
    const offerEvents = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'registration.offered'));
    expect(offerEvents).toHaveLength(2);
    const payload = offerEvents[0].payload as {
      registration: { manageUrl: string; offerExpiresAt: string; status: string };
      session: Record<string, unknown>;
    };
    expect([payload.registration.status, payload.registration.offerExpiresAt]).toEqual([
      'offered',
      '2030-03-02T15:00:00.000Z',
    ]);
    expect(payload.registration.manageUrl).toMatch(/\/oolite\/offers\/[\w-]{43}$/);
    expect(Object.keys(payload.session).sort()).toEqual([
      'endsAt',
      'id',
      'resourceTitle',
      'sequence',
      'startsAt',
      'timeZone',
      'title',
    ]);
    const token = payload.registration.manageUrl.split('/').pop()!;
    const accepted = await acceptOffer(database.db, { orgId: oolite.org.id, token, now });
    expect(accepted.status).toBe('registered');
    await expect(acceptOffer(database.db, { orgId: oolite.org.id, token, now })).rejects.toThrow(/not valid any more/);
  });

  it('passes a lapsed offer to the next person on the waitlist', async () => {
    const [open] = (await people()).filter((r) => r.status === 'offered');
    const [first] = (await people()).filter((r) => r.status === 'waitlisted');
    expect(first.waitlistPosition).toBe(1);
    // Offered on 1 March at 15:00 UTC, for the organization's default 24 hours.
    expect(open.offerExpiresAt).toEqual(new Date('2030-03-02T15:00:00Z'));
    expect(await expireOffers(database.db, new Date(open.offerExpiresAt!.getTime() - 1), BASE_URL)).toBe(0);
    expect(await expireOffers(database.db, open.offerExpiresAt!, BASE_URL)).toBe(1);
    const [lapsed] = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.id, open.id));
    const [next] = await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.id, first.id));
    expect([lapsed.status, next.status]).toEqual(['cancelled', 'offered']);
    const seatHolders = (await people()).filter((r) => ['registered', 'offered'].includes(r.status));
    expect(seatHolders).toHaveLength(SEATS);
  });

  it('lets people cancel only until the cutoff (24 h before); staff always can', async () => {
    const [person, another] = (await people()).filter((r) => r.status === 'registered');
    const late = new Date('2030-03-11T22:00:00Z'); // exactly 24 h before the start: too late
    await expect(
      cancelRegistration(database.db, {
        orgId: oolite.org.id,
        registrationId: person.id,
        token: tokens.get(person.id),
        baseUrl: BASE_URL,
        now: late,
      }),
    ).rejects.toThrow(/Cancellation closed 24 hours before the session/);
    const byStaff = await cancelRegistration(database.db, {
      orgId: oolite.org.id,
      registrationId: another.id,
      actor: { type: 'user', id: null, role: 'staff' },
      baseUrl: BASE_URL,
      now: late,
    });
    expect(byStaff.status).toBe('cancelled');
    const [unchanged] = await database.db
      .select()
      .from(workshopRegistrations)
      .where(and(eq(workshopRegistrations.id, person.id)));
    expect(unchanged.status).toBe('registered');
  });
});
