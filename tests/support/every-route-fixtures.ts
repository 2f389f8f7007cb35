import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { addDraftItems } from '../../core/draft/model';
import type { Database } from '../../db/client';
import { sendAccountLink } from '../../db/operations/accounts/auth-tokens';
import { inviteMember } from '../../db/operations/accounts/memberships';
import { findOrganizationBySlug } from '../../db/operations/accounts/organizations';
import { findUserByEmail } from '../../db/operations/accounts/users';
import { createBooking } from '../../db/operations/bookings/bookings';
import { issueFeed } from '../../db/operations/feeds/calendar-feeds';
import { cancelRegistration, registerForSession } from '../../db/operations/registrations/registrations';
import { createSeason, storeDraftState } from '../../db/operations/seasons/seasons';
import { emailMessages, resources, workshopSessions, workshops } from '../../db/schema/index';
import { ADMIN_ACTOR } from './fixtures';
import { createWorkshopWithSession } from './workshops';

/** What the route visits need beyond the demo data: ids and the secrets that only travel by email. */
export interface EveryRouteFixtures {
  org: string;
  resourceId: string;
  workshopId: string;
  workshopSlug: string;
  sessionId: string;
  residentBookingId: string;
  seasonId: string;
  manageToken: string;
  offerToken: string;
  invitationToken: string;
  magicLinkToken: string;
  resetPasswordToken: string;
  feedToken: string;
  mailboxMessageId: string;
}

/** The path of the first link in an email sent to `to` whose text matches `link`, once the worker has delivered it. */
async function emailedLink(db: Database, to: string, link: RegExp): Promise<string> {
  const find = async () => {
    const messages = await db.select().from(emailMessages).where(eq(emailMessages.toAddress, to));
    for (const message of messages) {
      const found = message.text.match(link)?.[0];
      if (found) return new URL(found).pathname;
    }
    return undefined;
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = await find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No email to ${to} with a link like ${link} within 30 s`);
}

const lastSegment = (path: string) => path.split('/').pop()!;

/**
 * Made in the running app's database (oolite, on fixed dates in 2031 far from the demo bookings):
 * a workshop session with a registration, a waitlist offer and a message with an .ics attachment in
 * the mailbox; a resident's own booking and calendar feed; a season whose draft has a session;
 * and invitation, sign-in and reset links.
 */
export async function createEveryRouteFixtures(db: Database, baseUrl: string): Promise<EveryRouteFixtures> {
  const org = (await findOrganizationBySlug(db, 'oolite'))!;
  const resident = (await findUserByEmail(db, 'resident@oolite.demo'))!;
  const [classroom] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, org.id), eq(resources.title, 'Classroom 1')));
  const [kiln] = await db
    .select()
    .from(resources)
    .where(and(eq(resources.orgId, org.id), eq(resources.title, 'Ceramics Kiln')));

  const { workshop, session } = await createWorkshopWithSession(db, {
    orgId: org.id,
    resourceId: classroom.id,
    slug: 'every-route-printmaking',
    capacity: 2,
    startsAt: '2031-05-06T22:00:00Z',
    endsAt: '2031-05-07T00:00:00Z',
    description: 'Relief printing with lino blocks.\n\nAll materials included.',
  });
  const register = (name: string, email: string, userId?: string) =>
    registerForSession(db, {
      orgId: org.id,
      sessionId: session.id,
      name,
      email,
      userId,
      audience: userId ? 'member' : 'public',
      baseUrl,
    });
  const ana = await register('Ana Ruiz', 'ana@example.org');
  const cleo = await register('Cleo Park', 'cleo@example.org');
  await register('Bo Chen', 'bo@example.org'); // waitlisted: the session is full
  // Cleo's seat frees up: Bo is offered it by email.
  await cancelRegistration(db, {
    orgId: org.id,
    registrationId: cleo.registration.id,
    token: cleo.manageToken,
    baseUrl,
  });
  await registerForSession(db, {
    orgId: org.id,
    sessionId: (await demoSessionId(db, org.id))!,
    name: resident.name,
    email: resident.email,
    userId: resident.id,
    audience: 'member',
    baseUrl,
  });

  const booking = await createBooking(db, {
    orgId: org.id,
    actor: { type: 'user', id: resident.id, role: 'resident' },
    source: 'test',
    input: {
      resourceId: kiln.id,
      title: 'Glaze firing',
      startsAt: '2031-05-07T14:00:00Z',
      endsAt: '2031-05-07T16:00:00Z',
    },
  });

  const season = await createSeason(db, {
    orgId: org.id,
    actor: ADMIN_ACTOR,
    season: { name: 'Spring 2031', startsOn: '2031-03-01', endsOn: '2031-05-31' },
  });
  const draft = new Y.Doc();
  addDraftItems(
    draft,
    {
      workshops: [{ key: 'lino', title: 'Lino cut basics', capacity: 10, tags: ['printmaking'], isPublic: true }],
      sessions: [
        {
          workshopKey: 'lino',
          resourceId: classroom.id,
          startsAt: '2031-03-10T22:00:00Z',
          endsAt: '2031-03-11T00:00:00Z',
        },
      ],
    },
    randomUUID,
  );
  await storeDraftState(db, season.id, Y.encodeStateAsUpdate(draft));

  const { token: feedToken } = await issueFeed(db, { orgId: org.id, userId: resident.id, resourceId: null });
  const admin = (await findUserByEmail(db, 'admin@oolite.demo'))!;
  await inviteMember(db, {
    org,
    actor: { type: 'user', id: admin.id, role: 'admin', name: admin.name },
    email: 'new.member@example.org',
    role: 'resident',
    baseUrl,
  });
  await sendAccountLink(db, { purpose: 'magic_link', email: 'staff@oolite.demo', baseUrl });
  await sendAccountLink(db, { purpose: 'password_reset', email: 'resident@oolite.demo', baseUrl });

  const offerPath = await emailedLink(db, 'bo@example.org', /https?:\/\/\S+\/oolite\/offers\/[\w-]+/);
  const invitationPath = await emailedLink(db, 'new.member@example.org', /https?:\/\/\S+\/invitations\/[\w-]+/);
  const magicLinkPath = await emailedLink(db, 'staff@oolite.demo', /https?:\/\/\S+\/magic-link\/[\w-]+/);
  const resetPath = await emailedLink(db, 'resident@oolite.demo', /https?:\/\/\S+\/reset-password\/[\w-]+/);
  // Ana's confirmation carries the session as an .ics attachment.
  await emailedLink(db, 'ana@example.org', /https?:\/\/\S+\/oolite\/registrations\/[\w-]+/);
  const anaMessages = await db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.orgId, org.id), eq(emailMessages.toAddress, 'ana@example.org')));
  const withAttachment = anaMessages.find((message) => message.attachments.length > 0);
  if (!withAttachment) throw new Error("Ana's confirmation email came without an attachment");

  return {
    org: org.slug,
    resourceId: classroom.id,
    workshopId: workshop.id,
    workshopSlug: workshop.slug,
    sessionId: session.id,
    residentBookingId: booking.id,
    seasonId: season.id,
    manageToken: ana.manageToken,
    offerToken: lastSegment(offerPath),
    invitationToken: lastSegment(invitationPath),
    magicLinkToken: lastSegment(magicLinkPath),
    resetPasswordToken: lastSegment(resetPath),
    feedToken,
    mailboxMessageId: withAttachment.id,
  };
}

/** A session of the demo's "Cyanotype Saturdays", for the resident's own registration. */
async function demoSessionId(db: Database, orgId: string): Promise<string | undefined> {
  const [found] = await db
    .select({ id: workshopSessions.id })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .where(and(eq(workshops.orgId, orgId), eq(workshops.slug, 'cyanotype-saturdays')))
    .limit(1);
  return found?.id;
}
