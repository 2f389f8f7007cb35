import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader } from '../../app/routes/$org.workshops[.ics]';
import { updateBooking } from '../../db/operations/bookings/bookings';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR } from '../support/fixtures';
import { loadContext, request } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function feed() {
  const response = (await loader({
    request: request('/feed-org/workshops.ics'),
    params: { org: 'feed-org' },
    context: loadContext(database.db),
  })) as Response;
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return {
    contentType: response.headers.get('content-type'),
    method: calendar.getFirstPropertyValue('method'),
    events: calendar.getAllSubcomponents('vevent').map((e) => ({
      uid: String(e.getFirstPropertyValue('uid')),
      sequence: Number(e.getFirstPropertyValue('sequence')),
      start: (e.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    })),
  };
}

describe('the public calendar feed', () => {
  it('publishes the upcoming public sessions with stable UIDs that survive a move', async () => {
    const { org } = await createOrgWithKeys(database.db, 'feed-org');
    const room = await createTestResource(database.db, org.id);
    const { session, booking } = await createWorkshopWithSession(database.db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'litho',
      capacity: 8,
      startsAt: '2030-09-03T22:00:00Z',
      endsAt: '2030-09-04T00:00:00Z',
    });
    await createWorkshopWithSession(database.db, {
      orgId: org.id,
      resourceId: room.id,
      slug: 'hidden',
      capacity: 8,
      startsAt: '2030-09-05T22:00:00Z',
      endsAt: '2030-09-06T00:00:00Z',
      isPublic: false,
    });

    const before = await feed();
    expect([before.contentType, before.method]).toEqual(['text/calendar; charset=utf-8; method=PUBLISH', 'PUBLISH']);
    expect(before.events.map((e) => e.uid)).toEqual([`session-${session.id}@infra24`]);

    await updateBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      id: booking.id,
      patch: { startsAt: '2030-09-10T22:00:00Z', endsAt: '2030-09-11T00:00:00Z' },
    });
    const after = await feed();
    expect(after.events).toEqual([
      {
        uid: `session-${session.id}@infra24`,
        sequence: before.events[0].sequence + 1,
        start: '2030-09-10T22:00:00.000Z',
      },
    ]);
  });
});
