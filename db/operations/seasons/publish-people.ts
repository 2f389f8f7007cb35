import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DraftDiff } from '../../../core/draft/diff';
import { sessionChangeWords, type SessionChangeWords } from '../../../core/workshops/session-change-words';
import type { Executor } from '../../client';
import { organizationTimeFormatter } from '../accounts/organizations';
import { bookings, resources, workshopRegistrations, workshopSessions } from '../../schema/index';

/** People shown by name on demand in the publish preview; beyond this the count says how many more. */
export const REGISTRANT_NAMES_LIMIT = 200;

/** Who a publish would tell about one session of the season: everyone registered or offered a place. */
export async function listSessionRegistrants(
  db: Executor,
  input: { orgId: string; seasonId: string; draftItemId: string },
): Promise<{ names: string[]; total: number }> {
  const where = and(
    eq(bookings.orgId, input.orgId),
    eq(bookings.seasonId, input.seasonId),
    eq(bookings.draftItemId, input.draftItemId),
    inArray(workshopRegistrations.status, ['registered', 'offered']),
  );
  const from = db
    .select({ name: workshopRegistrations.name, total: sql<number>`count(*) over ()::int` })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .where(where)
    .orderBy(asc(workshopRegistrations.name))
    .limit(REGISTRANT_NAMES_LIMIT);
  const rows = await from;
  return { names: rows.map((r) => r.name), total: rows[0]?.total ?? 0 };
}

export interface EmailPreview {
  kind: 'session.rescheduled' | 'registration.cancelled';
  /** How many people get this kind of email. */
  recipients: number;
  /** One of them as it will read, for the first session concerned (addressed to its first registrant). */
  example: SessionChangeWords;
}

/** Who hears of a change: a move tells the registered (and offered); a removal also the waitlist. */
const TOLD = {
  'session.rescheduled': ['registered', 'offered'],
  'registration.cancelled': ['registered', 'offered', 'waitlisted'],
} as const;

/**
 * The emails a publish sends, one preview per kind, with how many people get each: a moved
 * session's registrants get "New time", everyone on a removed session "Cancelled". Added and
 * changed sessions tell nobody.
 */
export async function previewPublishEmails(db: Executor, orgId: string, diff: DraftDiff): Promise<EmailPreview[]> {
  const kinds = [
    { kind: 'session.rescheduled' as const, entries: diff.moved },
    { kind: 'registration.cancelled' as const, entries: diff.removed },
  ];
  const previews: EmailPreview[] = [];
  for (const { kind, entries } of kinds) {
    const bookingIds = entries.filter((e) => e.kind === 'session' && e.bookingId).map((e) => e.bookingId!);
    if (bookingIds.length === 0) continue;
    // The first person by name (the example's addressee) and how many there are, in one row.
    const [person] = await db
      .select({
        bookingId: workshopSessions.bookingId,
        name: workshopRegistrations.name,
        recipients: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(workshopRegistrations)
      .innerJoin(workshopSessions, eq(workshopSessions.id, workshopRegistrations.sessionId))
      .where(
        and(inArray(workshopSessions.bookingId, bookingIds), inArray(workshopRegistrations.status, [...TOLD[kind]])),
      )
      .orderBy(asc(workshopRegistrations.name))
      .limit(1);
    if (!person) continue;
    const first = entries.find((e) => e.bookingId === person.bookingId)!;
    const placement = kind === 'session.rescheduled' ? first.after! : first.before!;
    const [room] = await db
      .select({ title: resources.title, timeZone: resources.timeZone })
      .from(resources)
      .where(eq(resources.id, placement.resourceId));
    previews.push({
      kind,
      recipients: person.recipients,
      example: sessionChangeWords(
        kind,
        { title: first.title, reason: kind === 'registration.cancelled' ? 'removed from the season' : null },
        person.name,
        [
          // In the room's zone and the organization's locale and clock, as the worker writes it.
          [
            'When',
            (await organizationTimeFormatter(db, orgId, room?.timeZone)).longRange(
              placement.startsAt,
              placement.endsAt,
            ),
          ],
          ['Where', room?.title ?? ''],
        ],
      ),
    });
  }
  return previews;
}

/** The season's sessions a publish added, moved or changed, with their ids for links to their pages. */
export async function publishedSessionLinks(
  db: Executor,
  input: { seasonId: string; draftIds: string[] },
): Promise<{ title: string; sessionId: string; startsAt: string }[]> {
  if (input.draftIds.length === 0) return [];
  const rows = await db
    .select({ title: bookings.title, sessionId: workshopSessions.id, startsAt: bookings.startsAt })
    .from(workshopSessions)
    .innerJoin(bookings, eq(bookings.id, workshopSessions.bookingId))
    .where(and(eq(bookings.seasonId, input.seasonId), inArray(workshopSessions.draftId, input.draftIds)))
    .orderBy(asc(bookings.startsAt))
    .limit(200);
  return rows.map((r) => ({ title: r.title, sessionId: r.sessionId, startsAt: r.startsAt.toISOString() }));
}
