import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spanLimitsFromConfig } from '../../app/span-limits.server';
import { isWithinAvailability, type AvailabilityRules } from '../../core/availability';
import { parseConfig } from '../../config/env';
import { bookingCreateSchema } from '../../core/schemas/booking';
import { DEFAULT_SPAN_LIMITS, setSpanLimits } from '../../core/span-limits';
import * as calendarEvents from '../../app/routes/$org.admin.calendar.events';
import * as workshopEdit from '../../app/routes/$org.admin.workshops.$id';
import * as equipmentPage from '../../app/routes/$org.equipment';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';
import { createWorkshopWithSession } from '../support/workshops';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
/** Open around the clock, written as weekly hours: availability must be checked, and always holds. */
const OPEN_EVERY_DAY: AvailabilityRules = {
  weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
};

describe('the availability check', () => {
  it('costs the same for a span of centuries as for a day', () => {
    const started = performance.now();
    const within = isWithinAvailability(
      OPEN_EVERY_DAY,
      'America/New_York',
      new Date('1900-01-01T05:00:00Z'),
      new Date('2999-01-01T05:00:00Z'),
    );
    expect(within).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('the limits', () => {
  afterAll(() => setSpanLimits(DEFAULT_SPAN_LIMITS));

  it('default to the same values in the configuration and in core', () => {
    expect(spanLimitsFromConfig(parseConfig({}))).toEqual(DEFAULT_SPAN_LIMITS);
  });

  it('come from the configuration', () => {
    const config = parseConfig({ BOOKING_MAX_DAYS: '2', SESSION_MAX_DAYS: '1', QUERY_MAX_DAYS: '30' });
    setSpanLimits(spanLimitsFromConfig(config));
    const result = bookingCreateSchema.safeParse({
      resourceId: '00000000-0000-4000-8000-000000000000',
      title: 'Three days',
      startsAt: '2030-01-07T15:00:00Z',
      endsAt: '2030-01-10T15:00:00Z',
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['endsAt', 'must be at most 2 days after startsAt'],
    ]);
    expect(() => parseConfig({ BOOKING_MAX_DAYS: '0' })).toThrow(/BOOKING_MAX_DAYS/);
  });
});

describe('one request cannot hold the process', () => {
  let server: AppServer;
  let staffKey: string;
  let resourceId: string;

  beforeAll(async () => {
    server = await startAppServer();
    const fixture = await createOrgWithKeys(server.database!.db, 'bounded');
    staffKey = fixture.staffKey;
    resourceId = (await createTestResource(server.database!.db, fixture.org.id, { availabilityRules: OPEN_EVERY_DAY }))
      .id;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const api = (method: string, path: string, body: unknown) =>
    fetch(`${server.baseUrl}/api/v1/orgs/bounded${path}`, {
      method,
      headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });

  it('refuses a booking from the year 0000 at once, and /healthz answers meanwhile', async () => {
    const started = Date.now();
    const booking = api('POST', '/bookings', {
      resourceId,
      title: 'Forever',
      startsAt: '0000-01-01T00:00:00Z',
      endsAt: '2999-01-01T00:00:00Z',
    });
    const health = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    expect(health.status).toBe(200);
    const response = await booking;
    const body = await response.json();
    expect(response.status).toBe(422);
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['startsAt', 'endsAt']));
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a booking longer than 31 days, naming endsAt', async () => {
    const response = await api('POST', '/bookings', {
      resourceId,
      title: 'A long lease',
      startsAt: '2030-01-07T15:00:00Z',
      endsAt: '2031-01-07T15:00:00Z',
    });
    const body = await response.json();
    expect([response.status, body.error.fields]).toEqual([422, { endsAt: ['must be at most 31 days after startsAt'] }]);
  });

  it('refuses a draft session longer than 14 days, naming it', async () => {
    const season = await (
      await api('POST', '/seasons', { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' })
    ).json();
    const response = await api('POST', `/seasons/${season.id}/draft/items`, {
      workshops: [{ key: 'clay', title: 'Clay', capacity: 8 }],
      sessions: [{ workshopKey: 'clay', resourceId, startsAt: '2030-03-02T15:00:00Z', endsAt: '2030-04-02T15:00:00Z' }],
    });
    const body = await response.json();
    expect([response.status, body.error.fields]).toEqual([
      422,
      { 'sessions.0.endsAt': ['must be at most 14 days after startsAt'] },
    ]);
  });

  it('refuses a season from the year 0000 or longer than a year, naming the field, and writes nothing', async () => {
    const ancient = await api('POST', '/seasons', { name: 'Ancient', startsOn: '0000-01-01', endsOn: '2030-01-01' });
    expect(ancient.status).toBe(422);
    expect((await ancient.json()).error.fields).toMatchObject({
      startsOn: ['must be a date between the years 1900 and 2999'],
    });
    const endless = await api('POST', '/seasons', { name: 'Endless', startsOn: '2030-01-01', endsOn: '2032-01-01' });
    expect([endless.status, (await endless.json()).error.fields]).toEqual([
      422,
      { endsOn: ['must be at most 366 days after startsOn'] },
    ]);
    const seasons = await (
      await fetch(`${server.baseUrl}/api/v1/orgs/bounded/seasons`, { headers: { authorization: `Bearer ${staffKey}` } })
    ).json();
    expect(seasons.seasons.map((season: { name: string }) => season.name)).not.toContain('Ancient');
  });
});

describe('pages bound their spans too', () => {
  let database: TestDatabase;
  let context: ReturnType<typeof loadContext>;
  let orgId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    context = loadContext(database.db);
    orgId = (await createOrganization(database.db, { slug: 'pages', name: 'Pages', timeZone: 'America/New_York' })).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("refuses a resident's equipment request spanning centuries, at once and naming endsAt", async () => {
    const kiln = await createTestResource(database.db, orgId, {
      title: 'Kiln',
      type: 'equipment',
      availabilityRules: OPEN_EVERY_DAY,
    });
    const { cookie } = await memberWithSession(context, orgId, 'resident@pages.test', 'resident');
    const started = Date.now();
    const response = await respond(() =>
      equipmentPage.action({
        request: request('/pages/equipment', {
          cookie,
          form: { resourceId: kiln.id, startsAt: '2100-01-04T10:00', endsAt: '2999-01-04T10:00', purpose: 'Firing' },
        }),
        context,
        params: { org: 'pages' },
      } as never),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).fields).toEqual({ endsAt: ['must be at most 31 days after startsAt'] });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a workshop session longer than 14 days, naming endsAt', async () => {
    const room = await createTestResource(database.db, orgId, { title: 'Studio B' });
    const { workshop } = await createWorkshopWithSession(database.db, {
      orgId,
      resourceId: room.id,
      slug: 'etching',
      capacity: 6,
      startsAt: '2030-01-07T23:00:00Z',
      endsAt: '2030-01-08T00:00:00Z',
    });
    const { cookie } = await memberWithSession(context, orgId, 'planner@pages.test', 'staff');
    const response = await respond(() =>
      workshopEdit.action({
        request: request(`/pages/admin/workshops/${workshop.id}`, {
          cookie,
          form: {
            intent: 'add-session',
            resourceId: room.id,
            startsAt: '2030-02-04T18:00',
            endsAt: '2031-02-04T18:00',
          },
        }),
        context,
        params: { org: 'pages', id: workshop.id },
      } as never),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).session.fields).toEqual({ endsAt: ['must be at most 14 days after the start'] });
  });

  it('refuses a calendar window wider than a year', async () => {
    const { cookie } = await memberWithSession(context, orgId, 'staff@pages.test', 'staff');
    const query = new URLSearchParams({ from: '0000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    const response = await respond(() =>
      calendarEvents.loader({
        request: request(`/pages/admin/calendar/events?${query}`, { cookie }),
        context,
        params: { org: 'pages' },
      } as never),
    );
    expect(response.status).toBe(422);
  });
});
