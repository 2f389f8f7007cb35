import ICAL from 'ical.js';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as icsRoute from '../../app/routes/$org.workshops.sessions.$sessionId.ics';
import { googleCalendarUrl, sessionUid } from '../../core/workshops/calendar';
import { updateBooking } from '../../db/operations/bookings/bookings';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';
import { loadContext, request, respond } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

let database: TestDatabase;
let oolite: OrgFixture;
let sessionId: string;
let bookingId: string;
let draftSessionId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  oolite = await createOrgWithKeys(database.db, 'oolite');
  const room = await createTestResource(database.db, oolite.org.id, { title: 'Classroom 1' });
  // Sunday 2030-11-03 is the day New York leaves daylight time: 10:00 EST = 15:00 UTC.
  const created = await createWorkshopWithSession(database.db, {
    orgId: oolite.org.id,
    resourceId: room.id,
    slug: 'figure-drawing',
    capacity: 10,
    startsAt: '2030-11-03T15:00:00Z',
    endsAt: '2030-11-03T17:00:00Z',
    description: 'Charcoal, paper; bring "your" eyes.\nLine two',
  });
  sessionId = created.session.id;
  bookingId = created.booking.id;
  draftSessionId = (
    await createWorkshopWithSession(database.db, {
      orgId: oolite.org.id,
      resourceId: room.id,
      slug: 'draft',
      capacity: 3,
      startsAt: '2030-11-04T15:00:00Z',
      endsAt: '2030-11-04T17:00:00Z',
      published: false,
    })
  ).session.id;
});
afterAll(() => database?.close());

async function download(id: string): Promise<Response> {
  const context = loadContext(database.db);
  return respond(() =>
    icsRoute.loader({
      request: request(`/oolite/workshops/sessions/${id}/ics`),
      params: { org: 'oolite', sessionId: id },
      context,
    } as LoaderFunctionArgs),
  );
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, event };
}

describe('"add to calendar" downloads', () => {
  it('parse with ical.js: METHOD:PUBLISH, a stable UID, UTC times, SEQUENCE from the booking', async () => {
    const response = await download(sessionId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="figure-drawing-[0-9a-f]{8}\.ics"$/,
    );
    const { calendar, event } = parse(await response.text());
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(event.uid).toBe(`session-${sessionId}@infra24`);
    expect(event.uid).toBe(sessionUid(sessionId));
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-11-03T15:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2030-11-03T17:00:00.000Z');
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('Workshop figure-drawing');
    expect(event.location).toBe('Classroom 1, oolite arts');
    expect(event.description).toContain('Charcoal, paper; bring "your" eyes.');
  });

  it('keeps the UID when the session moves, and raises SEQUENCE', async () => {
    await updateBooking(database.db, {
      orgId: oolite.org.id,
      actor: STAFF_ACTOR,
      id: bookingId,
      patch: { startsAt: '2030-11-03T16:00:00Z', endsAt: '2030-11-03T18:00:00Z' },
    });
    const { event } = parse(await (await download(sessionId)).text());
    expect(event.uid).toBe(`session-${sessionId}@infra24`);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-11-03T16:00:00.000Z');
  });

  it('is not offered for unpublished workshops or unknown sessions', async () => {
    expect((await download(draftSessionId)).status).toBe(404);
    expect((await download('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('builds a Google Calendar link with the same times', () => {
    const url = new URL(
      googleCalendarUrl({
        title: 'Kiln & glaze',
        description: 'd',
        startsAt: new Date('2030-11-03T15:00:00Z'),
        endsAt: new Date('2030-11-03T17:00:00Z'),
        location: 'Room',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      action: 'TEMPLATE',
      text: 'Kiln & glaze',
      dates: '20301103T150000Z/20301103T170000Z',
      location: 'Room',
    });
  });
});
