import { DateTime } from 'luxon';
import type { Actor } from '../core/actor';
import type { AvailabilityRules } from '../core/availability';
import type { Database } from './client';
import { createApiKey, revokeApiKeysNamed } from './operations/accounts/api-keys';
import { createBooking } from './operations/bookings/bookings';
import { createOrganization, findOrganizationBySlug } from './operations/accounts/organizations';
import { hashPassword } from './operations/accounts/passwords';
import { createResource, type ResourceType } from './operations/bookings/resources';
import { ensureUserWithRole } from './operations/accounts/users';
import { seedDemoSeason } from './seed-season';
import { seedDemoWorkshops } from './seed-workshops';

const WEEKDAYS_10_TO_6: AvailabilityRules = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '10:00', end: '18:00' }]])),
};
const EVERY_DAY_9_TO_9: AvailabilityRules = {
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '21:00' }]]),
  ),
};
const VISITS_TUE_THU: AvailabilityRules = {
  weekly: { tue: [{ start: '13:00', end: '17:00' }], thu: [{ start: '13:00', end: '17:00' }] },
};

interface DemoResource {
  title: string;
  type: ResourceType;
  capacity?: number;
  requiresApproval?: boolean;
  rules: AvailabilityRules;
  metadata?: Record<string, unknown>;
  visitMinutes?: number;
  bufferMinutes?: number;
  minNoticeMinutes?: number;
  allowPublicRequests?: boolean;
}

/** An artist's studio-visit hours: 45-minute visits, 15 minutes between, a day's notice. */
const VISIT_SETTINGS = { visitMinutes: 45, bufferMinutes: 15, minNoticeMinutes: 24 * 60 } as const;

interface DemoOrganization {
  slug: string;
  name: string;
  resources: DemoResource[];
  /** [resource index, title, weekday offset from next Monday, start hour, hours] */
  bookings: [number, string, number, number, number][];
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    slug: 'oolite',
    name: 'Oolite Arts',
    resources: [
      {
        title: 'Classroom 1',
        type: 'space',
        capacity: 16,
        rules: EVERY_DAY_9_TO_9,
        metadata: { location: '924 Lincoln Rd, 2nd floor' },
      },
      { title: 'Project Room', type: 'space', capacity: 40, rules: WEEKDAYS_10_TO_6, requiresApproval: true },
      { title: 'Ceramics Kiln', type: 'equipment', rules: EVERY_DAY_9_TO_9, metadata: { notes: 'Cone 10 max' } },
      { title: 'Risograph Printer', type: 'equipment', rules: WEEKDAYS_10_TO_6, requiresApproval: true },
      {
        title: 'Studio visits: Ana Ruiz',
        type: 'person',
        rules: VISITS_TUE_THU,
        ...VISIT_SETTINGS,
        allowPublicRequests: true,
      },
    ],
    bookings: [
      [0, 'Intro to Screen Printing', 1, 18, 2],
      [0, 'Figure Drawing', 3, 18, 2],
      [2, 'Glaze firing', 2, 9, 8],
      [4, 'Visit: MOCA curators', 1, 14, 1],
    ],
  },
  {
    slug: 'bakehouse',
    name: 'Bakehouse Art Complex',
    resources: [
      { title: 'Audrey Love Gallery', type: 'space', capacity: 80, rules: WEEKDAYS_10_TO_6, requiresApproval: true },
      { title: 'Workshop Studio', type: 'space', capacity: 12, rules: EVERY_DAY_9_TO_9 },
      { title: 'Laser Cutter', type: 'equipment', rules: WEEKDAYS_10_TO_6 },
      { title: 'Studio visits: Marcus Lee', type: 'person', rules: VISITS_TUE_THU, ...VISIT_SETTINGS },
    ],
    bookings: [
      [1, 'Mold-making workshop', 2, 10, 3],
      [2, 'Laser cutter induction', 0, 11, 1],
      [0, 'Install: Spring Open Studios', 0, 10, 8],
    ],
  },
  {
    slug: 'locust',
    name: 'Locust Projects',
    resources: [
      { title: 'Main Gallery', type: 'space', capacity: 120, rules: WEEKDAYS_10_TO_6, requiresApproval: true },
      { title: 'Education Room', type: 'space', capacity: 20, rules: EVERY_DAY_9_TO_9 },
      { title: 'Projector Kit', type: 'equipment', rules: EVERY_DAY_9_TO_9 },
      {
        title: 'Studio visits: Jo Park',
        type: 'person',
        rules: VISITS_TUE_THU,
        ...VISIT_SETTINGS,
        allowPublicRequests: true,
      },
    ],
    bookings: [
      [1, 'Teen Art Lab', 3, 16, 2],
      [2, 'Screening night', 4, 19, 2],
    ],
  },
];

const TIME_ZONE = 'America/New_York';

/** Shown on the sign-in page in demo mode only; demo data never reaches a production database. */
export const DEMO_PASSWORD = 'infra24-demo';

export function demoAccounts(slug: string) {
  return (['admin', 'staff', 'resident'] as const).map((role) => ({
    role,
    email: `${role}@${slug}.demo`,
    name: `${slug[0].toUpperCase()}${slug.slice(1)} ${role}`,
  }));
}

/**
 * Seeds the demo organizations that are missing (idempotent). Bookings are placed in the weeks
 * after `now`, in the organization's time zone, so the demo always shows something upcoming.
 */
export async function seedDemo(db: Database, now = new Date()): Promise<string[]> {
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const nextMonday = DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('week').plus({ weeks: 1 });
  for (const demo of DEMO_ORGANIZATIONS) {
    if (await findOrganizationBySlug(db, demo.slug)) continue;
    const org = await createOrganization(db, { slug: demo.slug, name: demo.name, timeZone: TIME_ZONE });
    let adminId: string | null = null;
    for (const account of demoAccounts(demo.slug)) {
      const user = await ensureUserWithRole(db, {
        orgId: org.id,
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash,
      });
      if (account.role === 'admin') adminId = user.id;
    }
    const actor: Actor = { type: 'user', id: adminId, role: 'admin' };
    const resources = [];
    for (const resource of demo.resources) {
      const { rules, ...rest } = resource;
      resources.push(
        await createResource(db, {
          orgId: org.id,
          actor,
          input: {
            capacity: 1,
            isBookable: true,
            requiresApproval: false,
            metadata: {},
            ...rest,
            availabilityRules: rules,
          },
        }),
      );
    }
    for (const [index, title, dayOffset, hour, hours] of demo.bookings) {
      const start = nextMonday.plus({ days: dayOffset }).set({ hour });
      await createBooking(db, {
        orgId: org.id,
        actor,
        source: 'demo',
        input: {
          resourceId: resources[index].id,
          title,
          status: 'confirmed',
          startsAt: start.toUTC().toISO()!,
          endsAt: start.plus({ hours }).toUTC().toISO()!,
        },
      });
    }
    await seedDemoWorkshops(db, { slug: demo.slug, orgId: org.id, actor, resources, nextMonday });
    await seedDemoSeason(db, { slug: demo.slug, orgId: org.id, actor, resources, nextMonday });
    created.push(demo.slug);
  }
  return created;
}

const DEMO_KEY_NAME = 'demo key (printed at start-up)';

/**
 * Demo mode prints a fresh admin API key per organization at every start (the CLI cannot open
 * the embedded database while the server holds it). The previous start's demo keys are revoked.
 */
export async function rotateDemoApiKeys(db: Database): Promise<{ slug: string; key: string }[]> {
  const keys: { slug: string; key: string }[] = [];
  for (const demo of DEMO_ORGANIZATIONS) {
    const org = await findOrganizationBySlug(db, demo.slug);
    if (!org) continue;
    await revokeApiKeysNamed(db, org.id, DEMO_KEY_NAME);
    const { key } = await createApiKey(db, { orgId: org.id, role: 'admin', name: DEMO_KEY_NAME });
    keys.push({ slug: demo.slug, key });
  }
  return keys;
}
