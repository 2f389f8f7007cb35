import type { ActionFunctionArgs, AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as calendarPage from '../../app/routes/$org.admin.calendar';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

let database: TestDatabase;
let context: AppLoadContext;
let cookie: string;
let studioId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  const { org } = await createOrgWithKeys(database.db, 'cal');
  studioId = (await createTestResource(database.db, org.id, { title: 'Print Studio' })).id;
  cookie = (await memberWithSession(context, org.id, 'staff@cal.test', 'staff')).cookie;
});
afterAll(() => database?.close());

const book = (form: Record<string, string>) =>
  respond(() =>
    calendarPage.action({
      request: request('/cal/admin/calendar', { cookie, form }),
      params: { org: 'cal' },
      context,
    } as ActionFunctionArgs),
  );

describe("the calendar's booking dialog posts a form", () => {
  const slot = { resourceId: '', startsAt: '2030-01-07T10:00', endsAt: '2030-01-07T11:00', status: 'confirmed' };

  it('answers its mistakes by field, every one at once', async () => {
    const response = await book({ ...slot, resourceId: studioId, title: '', endsAt: '2030-01-07T09:00' });
    expect(response.status).toBe(422);
    expect((await response.json()).result.error).toEqual({
      title: ['is required'],
      endsAt: ['must be after the start'],
    });
  });

  it('books the wall-clock times in the organization zone, then names that booking when another clashes', async () => {
    const made = await book({ ...slot, resourceId: studioId, title: 'Kiln workshop' });
    const { booking } = await made.json();
    expect([made.status, booking.title, booking.startsAt]).toEqual([200, 'Kiln workshop', '2030-01-07T15:00:00.000Z']);

    const clash = await book({ ...slot, resourceId: studioId, title: 'Portfolio review' });
    expect(clash.status).toBe(409);
    expect((await clash.json()).result.error).toEqual({
      '': ['The resource is already booked at that time by "Kiln workshop" (Mon, Jan 7, 2030, 10:00 – 11:00 AM).'],
    });
  });
});
