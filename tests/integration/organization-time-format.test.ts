import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bookingsPage from '../../app/routes/$org.admin.bookings';
import * as settingsPage from '../../app/routes/$org.admin.settings';
import { createBooking } from '../../db/operations/bookings/bookings';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { createOrgWithKeys, createTestResource, STAFF_ACTOR, type OrgFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

// The organization's clock and locale, set on its settings page, are what its pages write (ADR 034).
let database: TestDatabase;
let context: AppLoadContext;
let oolite: OrgFixture;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  oolite = await createOrgWithKeys(database.db, 'oolite');
  ({ cookie } = await memberWithSession(context, oolite.org.id, 'admin@oolite.test', 'admin'));
  const kiln = await createTestResource(database.db, oolite.org.id, { title: 'Kiln', type: 'equipment' });
  // Tuesday 7 May 2030, 6:00–8:00 PM in New York (EDT).
  await createBooking(database.db, {
    orgId: oolite.org.id,
    actor: STAFF_ACTOR,
    input: {
      resourceId: kiln.id,
      title: 'Glaze firing',
      startsAt: '2030-05-07T22:00:00Z',
      endsAt: '2030-05-08T00:00:00Z',
    },
  });
});
afterAll(() => database?.close());

const save = (form: Record<string, string>) =>
  respond(() =>
    settingsPage.action({
      request: request('/oolite/admin/settings', {
        cookie,
        form: { intent: 'organization', name: 'Oolite Arts', ...form },
      }),
      params: { org: 'oolite' },
      context,
    }),
  );
const bookingTimes = async () => {
  const response = await respond(() =>
    bookingsPage.loader({ request: request('/oolite/admin/bookings', { cookie }), params: { org: 'oolite' }, context }),
  );
  return ((await response.json()).results as { when: string }[]).map((r) => r.when);
};

describe('the time settings of an organization', () => {
  it('writes 12-hour en-US by default, then what the organization chose', async () => {
    expect(await bookingTimes()).toEqual(['Tue, May 7, 2030, 6:00 – 8:00 PM']);

    expect((await save({ timeZone: 'America/New_York', locale: 'en-gb', clock: '' })).status).toBe(200);
    expect((await findOrganizationBySlug(database.db, 'oolite'))?.settings.locale).toBe('en-GB');
    expect(await bookingTimes()).toEqual(['Tue, 7 May 2030, 18:00–20:00']);

    expect((await save({ timeZone: 'America/New_York', locale: 'en-US', clock: '24h' })).status).toBe(200);
    expect(await bookingTimes()).toEqual(['Tue, May 7, 2030, 18:00 – 20:00']);

    // Emptied: back to the default locale and its own clock, and the keys leave the settings.
    expect((await save({ timeZone: 'America/New_York', locale: '', clock: '' })).status).toBe(200);
    expect(await bookingTimes()).toEqual(['Tue, May 7, 2030, 6:00 – 8:00 PM']);
    const org = await findOrganizationBySlug(database.db, 'oolite');
    expect(org?.settings).not.toHaveProperty('locale');
    expect(org?.settings).not.toHaveProperty('clock');
  });

  it('stores a time zone by its canonical name and moves every time with it', async () => {
    expect((await save({ timeZone: 'europe/berlin' })).status).toBe(200);
    expect((await findOrganizationBySlug(database.db, 'oolite'))?.timeZone).toBe('Europe/Berlin');
    expect(await bookingTimes()).toEqual(['Wed, May 8, 2030, 12:00 – 2:00 AM']);
    expect((await save({ timeZone: 'America/New_York' })).status).toBe(200);
  });

  it('refuses an unknown zone, locale or clock, naming the field', async () => {
    for (const [form, field] of [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: 'America/New_York', locale: 'not a locale' }, 'locale'],
      [{ timeZone: 'America/New_York', clock: '36h' }, 'clock'],
    ] as const) {
      const response = await save(form);
      expect(response.status).toBe(422);
      expect(Object.keys((await response.json()).result.error)).toEqual([field]);
    }
    expect((await findOrganizationBySlug(database.db, 'oolite'))?.timeZone).toBe('America/New_York');
  });
});

describe('the colour and workshop rules of an organization', () => {
  it('saves them, refuses bounds naming the field, and removes emptied ones so their defaults apply', async () => {
    const saved = await save({
      timeZone: 'America/New_York',
      accentColor: '#AA3300',
      cancellationCutoffHours: '48',
      offerHours: '12',
      reminderHours: '6',
    });
    expect(saved.status).toBe(200);
    expect((await findOrganizationBySlug(database.db, 'oolite'))?.settings).toMatchObject({
      accentColor: '#aa3300',
      cancellationCutoffHours: 48,
      offerHours: 12,
      reminderHours: 6,
    });

    for (const [form, field] of [
      [{ cancellationCutoffHours: '-1' }, 'cancellationCutoffHours'],
      [{ offerHours: '0' }, 'offerHours'],
      [{ reminderHours: '1.5' }, 'reminderHours'],
      [{ accentColor: 'teal' }, 'accentColor'],
    ] as const) {
      const response = await save({ timeZone: 'America/New_York', ...form });
      expect(response.status).toBe(422);
      expect(Object.keys((await response.json()).result.error)).toEqual([field]);
    }

    expect((await save({ timeZone: 'America/New_York' })).status).toBe(200);
    const settings = (await findOrganizationBySlug(database.db, 'oolite'))?.settings;
    for (const key of ['accentColor', 'cancellationCutoffHours', 'offerHours', 'reminderHours'])
      expect(settings).not.toHaveProperty(key);
  });
});
