import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bookingsPage from '../../app/routes/$org.admin.bookings';
import * as calendarPage from '../../app/routes/$org.admin.calendar';
import * as calendarBookings from '../../app/routes/$org.admin.calendar.bookings';
import * as calendarEvents from '../../app/routes/$org.admin.calendar.events';
import * as adminLayout from '../../app/routes/$org.admin';
import * as adminIndex from '../../app/routes/$org.admin._index';
import * as resourcesPage from '../../app/routes/$org.admin.resources._index';
import * as resourceEdit from '../../app/routes/$org.admin.resources.$id';
import * as resourceNew from '../../app/routes/$org.admin.resources.new';
import * as settingsPage from '../../app/routes/$org.admin.settings';
import * as outboxPage from '../../app/routes/$org.admin.outbox';
import * as mailboxPage from '../../app/routes/$org.admin.mailbox._index';
import * as mailboxMessage from '../../app/routes/$org.admin.mailbox.$id';
import * as mailboxAttachment from '../../app/routes/$org.admin.mailbox.$id.attachments.$index';
import * as integrationsPage from '../../app/routes/$org.admin.integrations';
import * as workshopsPage from '../../app/routes/$org.admin.workshops._index';
import * as workshopNew from '../../app/routes/$org.admin.workshops.new';
import * as workshopEdit from '../../app/routes/$org.admin.workshops.$id';
import * as workshopRoster from '../../app/routes/$org.admin.workshops.sessions.$sessionId';
import * as workshopCsv from '../../app/routes/$org.admin.workshops.roster-csv.$sessionId';
import { createWorkshopWithSession } from '../support/workshops';
import type { AppLoadContext } from '@remix-run/node';
import { createOrganization } from '../../db/operations/accounts/organizations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTestResource } from '../support/fixtures';
import { loadContext, memberWithSession, request, respond } from '../support/remix';

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;
interface Endpoint {
  name: string;
  path: string;
  handler: Handler;
  minimum: 'staff' | 'admin';
  body?: Record<string, string>;
  json?: unknown;
  params?: Record<string, string>;
}

let database: TestDatabase;
let context: AppLoadContext;
const cookies: Record<string, string> = {};
let resourceId: string;
let workshop: { id: string; sessionId: string };

beforeAll(async () => {
  database = await createTestDatabase();
  context = loadContext(database.db);
  const oolite = await createOrganization(database.db, {
    slug: 'oolite',
    name: 'Oolite Arts',
    timeZone: 'America/New_York',
  });
  const bakehouse = await createOrganization(database.db, {
    slug: 'bakehouse',
    name: 'Bakehouse',
    timeZone: 'America/New_York',
  });
  resourceId = (await createTestResource(database.db, oolite.id)).id;
  const created = await createWorkshopWithSession(database.db, {
    orgId: oolite.id,
    resourceId,
    slug: 'kiln',
    capacity: 4,
    startsAt: '2030-01-08T15:00:00Z',
    endsAt: '2030-01-08T17:00:00Z',
  });
  workshop = { id: created.workshop.id, sessionId: created.session.id };
  for (const role of ['admin', 'staff', 'resident'] as const)
    cookies[role] = (await memberWithSession(context, oolite.id, `${role}@oolite.test`, role)).cookie;
  cookies.otherOrgAdmin = (await memberWithSession(context, bakehouse.id, 'admin@bakehouse.test', 'admin')).cookie;
});
afterAll(() => database?.close());

function endpoints(): Endpoint[] {
  const id = resourceId;
  const range = 'from=2030-01-07T00:00:00Z&to=2030-01-08T00:00:00Z';
  return [
    { name: 'admin layout', path: '/oolite/admin', handler: adminLayout.loader as Handler, minimum: 'staff' },
    { name: 'admin index', path: '/oolite/admin/', handler: adminIndex.loader as Handler, minimum: 'staff' },
    { name: 'calendar', path: '/oolite/admin/calendar', handler: calendarPage.loader as Handler, minimum: 'staff' },
    {
      name: 'calendar events',
      path: `/oolite/admin/calendar/events?${range}`,
      handler: calendarEvents.loader as Handler,
      minimum: 'staff',
    },
    {
      name: 'calendar bookings action',
      path: '/oolite/admin/calendar/bookings',
      handler: calendarBookings.action as Handler,
      minimum: 'staff',
      json: { intent: 'cancel', id: '00000000-0000-4000-8000-000000000000' },
    },
    { name: 'bookings', path: '/oolite/admin/bookings', handler: bookingsPage.loader as Handler, minimum: 'staff' },
    {
      name: 'bookings action',
      path: '/oolite/admin/bookings',
      handler: bookingsPage.action as Handler,
      minimum: 'staff',
      body: { intent: 'cancel', id: '00000000-0000-4000-8000-000000000000' },
    },
    { name: 'resources', path: '/oolite/admin/resources', handler: resourcesPage.loader as Handler, minimum: 'staff' },
    {
      name: 'resources archive',
      path: '/oolite/admin/resources',
      handler: resourcesPage.action as Handler,
      minimum: 'admin',
      body: { id, archived: 'false' },
    },
    {
      name: 'new resource',
      path: '/oolite/admin/resources/new',
      handler: resourceNew.loader as Handler,
      minimum: 'admin',
    },
    {
      name: 'new resource action',
      path: '/oolite/admin/resources/new',
      handler: resourceNew.action as Handler,
      minimum: 'admin',
      body: { title: '' },
    },
    {
      name: 'resource page',
      path: `/oolite/admin/resources/${id}`,
      handler: resourceEdit.loader as Handler,
      minimum: 'staff',
    },
    {
      name: 'edit resource action',
      path: `/oolite/admin/resources/${id}`,
      handler: resourceEdit.action as Handler,
      minimum: 'admin',
      body: { title: '' },
    },
    { name: 'outbox', path: '/oolite/admin/outbox', handler: outboxPage.loader as Handler, minimum: 'staff' },
    {
      name: 'outbox redrive',
      path: '/oolite/admin/outbox',
      handler: outboxPage.action as Handler,
      minimum: 'staff',
      body: { intent: 'redrive' },
    },
    { name: 'mailbox', path: '/oolite/admin/mailbox', handler: mailboxPage.loader as Handler, minimum: 'admin' },
    {
      name: 'mailbox message',
      path: `/oolite/admin/mailbox/${id}`,
      handler: mailboxMessage.loader as Handler,
      minimum: 'admin',
    },
    {
      name: 'mailbox attachment',
      path: `/oolite/admin/mailbox/${id}/attachments/0`,
      handler: mailboxAttachment.loader as Handler,
      minimum: 'admin',
    },
    {
      name: 'integrations',
      path: '/oolite/admin/integrations',
      handler: integrationsPage.loader as Handler,
      minimum: 'admin',
    },
    {
      name: 'integrations action',
      path: '/oolite/admin/integrations',
      handler: integrationsPage.action as Handler,
      minimum: 'admin',
      body: { intent: 'set-secret', provider: 'calcom', secret: '' },
    },
    { name: 'settings', path: '/oolite/admin/settings', handler: settingsPage.loader as Handler, minimum: 'admin' },
    { name: 'workshops', path: '/oolite/admin/workshops', handler: workshopsPage.loader as Handler, minimum: 'staff' },
    {
      name: 'new workshop',
      path: '/oolite/admin/workshops/new',
      handler: workshopNew.loader as Handler,
      minimum: 'staff',
    },
    {
      name: 'new workshop action',
      path: '/oolite/admin/workshops/new',
      handler: workshopNew.action as Handler,
      minimum: 'staff',
      body: { title: '' },
    },
    {
      name: 'edit workshop',
      path: `/oolite/admin/workshops/${workshop.id}`,
      handler: workshopEdit.loader as Handler,
      minimum: 'staff',
      params: { id: workshop.id },
    },
    {
      name: 'edit workshop action',
      path: `/oolite/admin/workshops/${workshop.id}`,
      handler: workshopEdit.action as Handler,
      minimum: 'staff',
      body: { intent: 'add-session' },
      params: { id: workshop.id },
    },
    {
      name: 'roster',
      path: `/oolite/admin/workshops/sessions/${workshop.sessionId}`,
      handler: workshopRoster.loader as Handler,
      minimum: 'staff',
      params: { sessionId: workshop.sessionId },
    },
    {
      name: 'roster action',
      path: `/oolite/admin/workshops/sessions/${workshop.sessionId}`,
      handler: workshopRoster.action as Handler,
      minimum: 'staff',
      body: { intent: 'attendance' },
      params: { sessionId: workshop.sessionId },
    },
    {
      name: 'roster CSV',
      path: `/oolite/admin/workshops/roster-csv/${workshop.sessionId}`,
      handler: workshopCsv.loader as Handler,
      minimum: 'staff',
      params: { sessionId: workshop.sessionId },
    },
    {
      name: 'settings action',
      path: '/oolite/admin/settings',
      handler: settingsPage.action as Handler,
      minimum: 'admin',
      body: { intent: 'organization', name: 'Oolite Arts', timeZone: 'America/New_York' },
    },
  ];
}

async function call(endpoint: Endpoint, cookie?: string): Promise<Response> {
  const req = request(endpoint.path, { cookie, form: endpoint.body, json: endpoint.json });
  const params = { org: 'oolite', id: resourceId, index: '0', ...endpoint.params };
  return respond(() => endpoint.handler({ request: req, params, context } as LoaderFunctionArgs & ActionFunctionArgs));
}

describe('every admin route starts with a guard', () => {
  it('sends anonymous visitors to sign in, and back afterwards', async () => {
    for (const endpoint of endpoints()) {
      const response = await call(endpoint);
      expect(response.status, endpoint.name).toBe(302);
      expect(response.headers.get('location'), endpoint.name).toMatch(/^\/login\?redirectTo=%2Foolite%2Fadmin/);
    }
  });

  it('answers 404 to members of another organization, as if it did not exist', async () => {
    for (const endpoint of endpoints())
      expect((await call(endpoint, cookies.otherOrgAdmin)).status, endpoint.name).toBe(404);
  });

  it('answers 403 to residents everywhere, and to staff on admin-only pages', async () => {
    for (const endpoint of endpoints()) {
      expect((await call(endpoint, cookies.resident)).status, `resident: ${endpoint.name}`).toBe(403);
      const staff = await call(endpoint, cookies.staff);
      if (endpoint.minimum === 'admin') expect(staff.status, `staff: ${endpoint.name}`).toBe(403);
      else expect(staff.status, `staff: ${endpoint.name}`).not.toBe(403);
    }
  });

  it('lets admins in', async () => {
    for (const endpoint of endpoints())
      expect([200, 302, 404, 409, 422], endpoint.name).toContain((await call(endpoint, cookies.admin)).status);
    const page = await call(endpoints().find((e) => e.name === 'settings')!, cookies.admin);
    expect(((await page.json()) as { org: { name: string } }).org.name).toBe('Oolite Arts');
  });

  it('refuses a cross-origin post even with a valid session', async () => {
    const req = request('/oolite/admin/settings', {
      cookie: cookies.admin,
      form: { intent: 'organization', name: 'Hacked', timeZone: 'UTC' },
      origin: 'https://evil.example',
    });
    const response = await respond(() => settingsPage.action({ request: req, params: { org: 'oolite' }, context }));
    expect(response.status).toBe(403);
    const page = await call(endpoints().find((e) => e.name === 'settings')!, cookies.admin);
    expect(((await page.json()) as { org: { name: string } }).org.name).toBe('Oolite Arts');
  });
});
