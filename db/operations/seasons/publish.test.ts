import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDraftItems, draftMaps, readDraft, type DraftItemsInput } from '../../../core/draft/model';
import { createTestDatabase, needsPostgres, type TestDatabase } from '../../../tests/support/database';
import { createTestResource, STAFF_ACTOR } from '../../../tests/support/fixtures';
import { bookings, integrationOutbox, workshopRegistrations, workshopSessions, workshops } from '../../schema/index';
import { createBooking } from '../bookings/bookings';
import { createOrganization, type Organization } from '../accounts/organizations';
import { publishSeason } from './publish';
import { createSeason } from './seasons';
import type { Resource } from '../bookings/resources';

let database: TestDatabase;
let org: Organization;
let room: Resource;
let studio: Resource;

// Tuesdays in March 2030 (EST until 2030-03-10, EDT after): hour in UTC.
const at = (day: number, hour: number) => new Date(Date.UTC(2030, 2, day, hour)).toISOString();
const NOW = new Date('2030-01-15T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  org = await createOrganization(database.db, { slug: 'publish', name: 'Publish', timeZone: 'America/New_York' });
  room = await createTestResource(database.db, org.id, { title: 'Classroom' });
  studio = await createTestResource(database.db, org.id, { title: 'Studio' });
});
afterAll(() => database?.close());

async function newSeason(name: string) {
  return createSeason(database.db, {
    orgId: org.id,
    actor: STAFF_ACTOR,
    season: { name, startsOn: '2030-03-01', endsOn: '2030-05-31' },
  });
}

function draftDoc(items: DraftItemsInput) {
  const doc = new Y.Doc();
  addDraftItems(doc, items, () => crypto.randomUUID());
  return doc;
}

const publish = (seasonId: string, doc: Y.Doc, extra: Partial<Parameters<typeof publishSeason>[1]> = {}) =>
  publishSeason(database.db, {
    orgId: org.id,
    seasonId,
    actor: STAFF_ACTOR,
    draft: readDraft(doc),
    now: NOW,
    ...extra,
  });

const seasonBookings = (seasonId: string) => database.db.select().from(bookings).where(eq(bookings.seasonId, seasonId));

describe('publishing a season', () => {
  it('reports every conflict with both sides named and publishes nothing', async () => {
    const season = await newSeason('Conflicts');
    const outside = await createBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      input: { resourceId: studio.id, title: 'Private rental', startsAt: at(5, 15), endsAt: at(5, 18) },
    });
    const doc = draftDoc({
      workshops: [{ key: 'print', title: 'Screen printing', capacity: 10, tags: ['print'], isPublic: true }],
      sessions: [
        { id: 'a', workshopKey: 'print', resourceId: room.id, startsAt: at(5, 23), endsAt: at(6, 1) },
        { id: 'b', workshopKey: 'print', resourceId: room.id, startsAt: at(6, 0), endsAt: at(6, 2) },
        { id: 'c', workshopKey: 'print', resourceId: studio.id, startsAt: at(5, 16), endsAt: at(5, 17) },
        { id: 'ok', workshopKey: 'print', resourceId: studio.id, startsAt: at(12, 23), endsAt: at(13, 1) },
      ],
    });
    const report = await publish(season.id, doc);
    expect(report.published).toBe(false);
    expect(report.conflicts.map((c) => [c.code, c.item.id, c.with?.id, c.with?.title])).toEqual(
      expect.arrayContaining([
        ['overlap', 'a', 'b', 'Screen printing'],
        ['booked_elsewhere', 'c', outside.id, 'Private rental'],
      ]),
    );
    expect(report.conflicts).toHaveLength(2);
    expect(await seasonBookings(season.id)).toHaveLength(0);
    expect(await database.db.select().from(workshops).where(eq(workshops.seasonId, season.id))).toHaveLength(0);
  });

  it('publishes a clean draft once; publishing it again changes nothing', async () => {
    const season = await newSeason('Spring');
    const doc = draftDoc({
      workshops: [
        {
          key: 'clay',
          title: 'Wheel throwing',
          capacity: 8,
          tags: ['ceramics'],
          isPublic: true,
          description: 'Bring <b>old clothes</b>.\n\nAll levels.',
        },
      ],
      sessions: [
        { id: 's1', workshopKey: 'clay', resourceId: room.id, startsAt: at(5, 23), endsAt: at(6, 1) },
        { id: 's2', workshopKey: 'clay', resourceId: room.id, startsAt: at(12, 22), endsAt: at(13, 0) },
      ],
      blocks: [
        { id: 'maint', title: 'Kiln maintenance', resourceId: studio.id, startsAt: at(20, 14), endsAt: at(20, 20) },
      ],
    });
    const first = await publish(season.id, doc);
    expect([first.published, first.revision, first.counts?.added]).toEqual([true, 1, 3]);
    expect(first.workshops).toEqual({ added: [{ key: 'clay', title: 'Wheel throwing', fields: [] }], changed: [] });
    const rows = await seasonBookings(season.id);
    expect(rows.map((b) => [b.draftItemId, b.status]).sort()).toEqual([
      ['maint', 'confirmed'],
      ['s1', 'confirmed'],
      ['s2', 'confirmed'],
    ]);
    const [workshop] = await database.db.select().from(workshops).where(eq(workshops.seasonId, season.id));
    expect(workshop.descriptionHtml).toBe('<p>Bring &lt;b&gt;old clothes&lt;/b&gt;.</p><p>All levels.</p>');
    expect(
      await database.db.select().from(workshopSessions).where(eq(workshopSessions.workshopId, workshop.id)),
    ).toHaveLength(2);

    const outboxBefore = (await database.db.select().from(integrationOutbox)).length;
    const again = await publish(season.id, doc);
    expect([again.published, again.revision, again.counts?.unchanged]).toEqual([true, 1, 3]);
    expect(again.workshops).toEqual({ added: [], changed: [] });
    expect((await database.db.select().from(integrationOutbox)).length).toBe(outboxBefore);

    // A description edited on the board is all that changed: the preview says so, and publishing carries it.
    draftMaps(doc).workshops.get('clay')!.set('capacity', 10);
    addDraftItems(
      doc,
      {
        workshops: [
          {
            key: 'clay',
            title: 'Wheel throwing',
            capacity: 10,
            tags: ['ceramics'],
            isPublic: true,
            description: 'Aprons provided.',
          },
        ],
      },
      () => crypto.randomUUID(),
    );
    const preview = await publish(season.id, doc, { dryRun: true });
    expect([preview.counts, preview.diff.changed, preview.workshops]).toEqual([
      undefined,
      [],
      { added: [], changed: [{ key: 'clay', title: 'Wheel throwing', fields: ['capacity', 'descriptionHtml'] }] },
    ]);
    await publish(season.id, doc);
    const [edited] = await database.db.select().from(workshops).where(eq(workshops.seasonId, season.id));
    expect([edited.capacity, edited.descriptionHtml]).toEqual([10, '<p>Aprons provided.</p>']);
  });

  it('moves a session: keeps its ids, raises SEQUENCE, tells the registrants; removing one cancels it', async () => {
    const season = await newSeason('Summer');
    const doc = draftDoc({
      workshops: [{ key: 'photo', title: 'Darkroom basics', capacity: 6, tags: [], isPublic: true }],
      sessions: [
        { id: 'p1', workshopKey: 'photo', resourceId: studio.id, startsAt: at(7, 23), endsAt: at(8, 1) },
        { id: 'p2', workshopKey: 'photo', resourceId: studio.id, startsAt: at(14, 23), endsAt: at(15, 1) },
      ],
    });
    await publish(season.id, doc);
    const [p1] = await database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.seasonId, season.id), eq(bookings.draftItemId, 'p1')));
    const [session] = await database.db.select().from(workshopSessions).where(eq(workshopSessions.bookingId, p1.id));
    const [p2Session] = await database.db.select().from(workshopSessions).where(eq(workshopSessions.draftId, 'p2'));
    await database.db.insert(workshopRegistrations).values([
      { orgId: org.id, workshopId: session.workshopId, sessionId: session.id, email: 'ana@example.org', name: 'Ana' },
      { orgId: org.id, workshopId: session.workshopId, sessionId: p2Session.id, email: 'jo@example.org', name: 'Jo' },
      {
        orgId: org.id,
        workshopId: session.workshopId,
        sessionId: p2Session.id,
        email: 'wes@example.org',
        name: 'Wes',
        status: 'waitlisted',
        waitlistPosition: 1,
      },
    ]);

    doc.transact(() => {
      draftMaps(doc).sessions.get('p1')!.set('startsAt', at(9, 15));
      draftMaps(doc).sessions.get('p1')!.set('endsAt', at(9, 17));
      draftMaps(doc).sessions.delete('p2');
    });
    const dry = await publish(season.id, doc, { dryRun: true });
    expect(dry.diff.moved).toEqual([expect.objectContaining({ id: 'p1', registrations: 1 })]);
    expect(dry.diff.removed).toEqual([expect.objectContaining({ id: 'p2', registrations: 1 })]);
    const report = await publish(season.id, doc);
    expect([report.published, report.revision]).toEqual([true, 2]);
    const [moved] = await database.db.select().from(bookings).where(eq(bookings.id, p1.id));
    expect([moved.startsAt.toISOString(), moved.sequence]).toEqual([at(9, 15), p1.sequence + 1]);
    const rescheduled = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'session.rescheduled'));
    expect(
      rescheduled.map((e) => (e.payload as { registrants: { email: string }[] }).registrants.map((r) => r.email)),
    ).toEqual([['ana@example.org']]);
    // The removed session is cancelled like one cancelled anywhere else: the waitlist too, each person told
    // with the booking's raised SEQUENCE, and the CRM hears of the cancelled booking.
    const [removed] = await database.db.select().from(bookings).where(eq(bookings.id, p2Session.bookingId));
    expect(removed.status).toBe('cancelled');
    const cancelled = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'registration.cancelled'));
    const told = cancelled
      .map(
        (e) =>
          e.payload as { registration: { email: string; status: string }; session: { id: string; sequence: number } },
      )
      .filter((p) => p.session.id === p2Session.id);
    expect(told.map((p) => [p.registration.email, p.registration.status, p.session.sequence]).sort()).toEqual([
      ['jo@example.org', 'cancelled', removed.sequence],
      ['wes@example.org', 'cancelled', removed.sequence],
    ]);
    const people = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.sessionId, p2Session.id));
    expect(people.map((r) => [r.email, r.status, r.waitlistPosition]).sort()).toEqual([
      ['jo@example.org', 'cancelled', null],
      ['wes@example.org', 'cancelled', null],
    ]);
    const crm = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'booking.cancelled'));
    expect(crm.map((e) => (e.payload as { booking: { id: string } }).booking.id)).toContain(removed.id);
    expect(
      await database.db.select().from(integrationOutbox).where(eq(integrationOutbox.topic, 'session.cancelled')),
    ).toHaveLength(0);
  });

  it('lets two sessions swap places in one publish', async () => {
    const season = await newSeason('Swap');
    const doc = draftDoc({
      workshops: [{ key: 'w', title: 'Weaving', capacity: 6, tags: [], isPublic: false }],
      sessions: [
        { id: 'x', workshopKey: 'w', resourceId: room.id, startsAt: at(26, 14), endsAt: at(26, 15) },
        { id: 'y', workshopKey: 'w', resourceId: room.id, startsAt: at(26, 15), endsAt: at(26, 16) },
      ],
    });
    await publish(season.id, doc);
    doc.transact(() => {
      const { sessions } = draftMaps(doc);
      sessions.get('x')!.set('startsAt', at(26, 15));
      sessions.get('x')!.set('endsAt', at(26, 16));
      sessions.get('y')!.set('startsAt', at(26, 14));
      sessions.get('y')!.set('endsAt', at(26, 15));
    });
    const report = await publish(season.id, doc);
    expect([report.published, report.counts?.moved]).toEqual([true, 2]);
  });

  it.skipIf(needsPostgres('db/operations/seasons/publish.test.ts › a booking made elsewhere during publish'))(
    'reports a booking made elsewhere between the checks and the commit, and writes nothing',
    async () => {
      const season = await newSeason('Race');
      const doc = draftDoc({
        workshops: [{ key: 'r', title: 'Risograph', capacity: 6, tags: [], isPublic: true }],
        sessions: [{ id: 'r1', workshopKey: 'r', resourceId: studio.id, startsAt: at(27, 14), endsAt: at(27, 16) }],
      });
      let sneaky: string | undefined;
      const afterChecks = async () => {
        // Another connection books the slot after publish has looked and before it commits.
        const other = await database.pool!.connect();
        try {
          const inserted = await other.query(
            `insert into bookings (org_id, resource_id, title, status, starts_at, ends_at) values ($1, $2, 'Walk-in rental', 'confirmed', $3, $4) returning id`,
            [org.id, studio.id, at(27, 15), at(27, 17)],
          );
          sneaky = inserted.rows[0].id;
        } finally {
          other.release();
        }
      };
      const report = await publish(season.id, doc, { afterChecks });
      expect(report.published).toBe(false);
      expect(report.conflicts).toEqual([
        expect.objectContaining({
          code: 'booked_elsewhere',
          with: expect.objectContaining({ id: sneaky, title: 'Walk-in rental' }),
        }),
      ]);
      expect(await seasonBookings(season.id)).toHaveLength(0);
    },
  );
});

describe('moving a workshop session on the calendar', () => {
  it('tells the people registered, like a publish would', async () => {
    const { updateBooking } = await import('../bookings/bookings');
    const season = await newSeason('Calendar move');
    const doc = draftDoc({
      workshops: [{ key: 'm', title: 'Monotype', capacity: 6, tags: [], isPublic: true }],
      sessions: [{ id: 'm1', workshopKey: 'm', resourceId: room.id, startsAt: at(28, 14), endsAt: at(28, 16) }],
    });
    await publish(season.id, doc);
    const [booking] = await seasonBookings(season.id);
    const [session] = await database.db
      .select()
      .from(workshopSessions)
      .where(eq(workshopSessions.bookingId, booking.id));
    await database.db.insert(workshopRegistrations).values({
      orgId: org.id,
      workshopId: session.workshopId,
      sessionId: session.id,
      email: 'lee@example.org',
      name: 'Lee',
    });
    await updateBooking(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      id: booking.id,
      patch: { startsAt: at(29, 14), endsAt: at(29, 16) },
    });
    const events = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'session.rescheduled'));
    const mine = events.filter((e) => (e.payload as { session: { id: string } }).session.id === session.id);
    expect(
      mine
        .map((e) => e.payload as { registrants: { email: string }[]; session: { startsAt: string } })
        .map((p) => [p.registrants.map((r) => r.email), p.session.startsAt]),
    ).toEqual([[['lee@example.org'], at(29, 14)]]);
  });
});

describe('cancelling a workshop session booking on the calendar', () => {
  it('cancels its registrations and tells each person', async () => {
    const { transitionBooking } = await import('../bookings/booking-transitions');
    const season = await newSeason('Calendar cancel');
    const doc = draftDoc({
      workshops: [{ key: 'c', title: 'Cyanotype', capacity: 6, tags: [], isPublic: true }],
      sessions: [{ id: 'c1', workshopKey: 'c', resourceId: studio.id, startsAt: at(30, 14), endsAt: at(30, 16) }],
    });
    await publish(season.id, doc);
    const [booking] = await seasonBookings(season.id);
    const [session] = await database.db
      .select()
      .from(workshopSessions)
      .where(eq(workshopSessions.bookingId, booking.id));
    await database.db.insert(workshopRegistrations).values([
      { orgId: org.id, workshopId: session.workshopId, sessionId: session.id, email: 'sam@example.org', name: 'Sam' },
      {
        orgId: org.id,
        workshopId: session.workshopId,
        sessionId: session.id,
        email: 'kim@example.org',
        name: 'Kim',
        status: 'waitlisted',
        waitlistPosition: 1,
      },
    ]);
    await transitionBooking(database.db, 'cancel', {
      orgId: org.id,
      actor: STAFF_ACTOR,
      now: NOW,
      id: booking.id,
      reason: 'Studio flooded',
    });
    const registrations = await database.db
      .select()
      .from(workshopRegistrations)
      .where(eq(workshopRegistrations.sessionId, session.id));
    expect(registrations.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    const told = await database.db
      .select()
      .from(integrationOutbox)
      .where(eq(integrationOutbox.topic, 'registration.cancelled'));
    const mine = told
      .map((e) => e.payload as { registration: { email: string }; session: { id: string } })
      .filter((p) => p.session.id === session.id);
    expect(mine.map((p) => p.registration.email).sort()).toEqual(['kim@example.org', 'sam@example.org']);
  });
});

describe('workshop addresses at publish', () => {
  const slugsOf = async (seasonId: string) =>
    Object.fromEntries(
      (
        await database.db
          .select({ key: workshops.draftKey, slug: workshops.slug })
          .from(workshops)
          .where(eq(workshops.seasonId, seasonId))
      ).map((row) => [row.key, row.slug]),
    );
  const card = (key: string, title: string) => ({ key, title, capacity: 8, tags: [], isPublic: true });

  it('are the title alone, with a short suffix only when the address is taken, and never change once given', async () => {
    const fall = await newSeason('Addresses, fall');
    const doc = draftDoc({
      workshops: [
        card('riso-b', 'Risograph basics!'),
        card('riso-a', 'Risograph Basics'),
        card('glaze', 'Kiln & Glazé'),
      ],
    });
    expect((await publish(fall.id, doc)).published).toBe(true);
    expect(await slugsOf(fall.id)).toEqual({
      'riso-a': 'risograph-basics',
      'riso-b': 'risograph-basics-2',
      glaze: 'kiln-glaze',
    });

    // A renamed card keeps its address: links already out there must not break.
    draftMaps(doc).workshops.get('riso-a')!.set('title', 'Advanced risograph');
    expect((await publish(fall.id, doc)).published).toBe(true);
    expect((await slugsOf(fall.id))['riso-a']).toBe('risograph-basics');

    // The same title in another season of the organization takes the next free address.
    const spring = await newSeason('Addresses, spring');
    const next = draftDoc({ workshops: [card('riso', 'Risograph basics'), card('weave', 'Weaving on a frame loom')] });
    expect((await publish(spring.id, next)).published).toBe(true);
    expect(await slugsOf(spring.id)).toEqual({ riso: 'risograph-basics-3', weave: 'weaving-on-a-frame-loom' });
  });

  it('gives two seasons publishing the same new title at once two addresses, without failing either', async () => {
    const [summer, winter] = [await newSeason('Addresses, summer'), await newSeason('Addresses, winter')];
    const card1 = draftDoc({ workshops: [card('c', 'Cyanotype by the sea')] });
    const card2 = draftDoc({ workshops: [card('c', 'Cyanotype by the sea')] });
    const reports = await Promise.all([publish(summer.id, card1), publish(winter.id, card2)]);
    expect(reports.map((r) => r.published)).toEqual([true, true]);
    const slugs = [(await slugsOf(summer.id)).c, (await slugsOf(winter.id)).c].sort();
    expect(slugs).toEqual(['cyanotype-by-the-sea', 'cyanotype-by-the-sea-2']);
  });
});
