import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDraftItems, draftMaps, readDraft, type DraftItemsInput } from '../../../core/draft/model';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { createTestResource, STAFF_ACTOR } from '../../../tests/support/fixtures';
import { workshopRegistrations, workshopSessions } from '../../schema/index';
import { createOrganization, type Organization } from '../accounts/organizations';
import type { Resource } from '../bookings/resources';
import { publishSeason } from './publish';
import { listSessionRegistrants } from './publish-people';
import { createSeason } from './seasons';

let database: TestDatabase;
let org: Organization;
let room: Resource;

// Tuesdays in April 2030 (EDT): hour in UTC.
const at = (day: number, hour: number) => new Date(Date.UTC(2030, 3, day, hour)).toISOString();
const NOW = new Date('2030-01-15T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  org = await createOrganization(database.db, { slug: 'told', name: 'Told', timeZone: 'America/New_York' });
  room = await createTestResource(database.db, org.id, { title: 'Print Room' });
});
afterAll(() => database?.close());

function draftDoc(items: DraftItemsInput) {
  const doc = new Y.Doc();
  addDraftItems(doc, items, () => crypto.randomUUID());
  return doc;
}

describe('what a publish will tell people, and did', () => {
  it('previews each kind of email with how many get it, names on demand, then reports who was told and links', async () => {
    const season = await createSeason(database.db, {
      orgId: org.id,
      actor: STAFF_ACTOR,
      season: { name: 'April', startsOn: '2030-04-01', endsOn: '2030-04-30' },
    });
    const doc = draftDoc({
      workshops: [{ key: 'riso', title: 'Risograph basics', capacity: 6, tags: [], isPublic: true }],
      sessions: [
        { id: 'a', workshopKey: 'riso', resourceId: room.id, startsAt: at(2, 22), endsAt: at(3, 0) },
        { id: 'b', workshopKey: 'riso', resourceId: room.id, startsAt: at(9, 22), endsAt: at(10, 0) },
      ],
    });
    const publish = (dryRun: boolean) =>
      publishSeason(database.db, {
        orgId: org.id,
        seasonId: season.id,
        actor: STAFF_ACTOR,
        draft: readDraft(doc),
        dryRun,
        now: NOW,
      });
    const first = await publish(false);
    expect([first.told, first.emails]).toEqual([0, []]);
    expect(first.links?.map((l) => [l.title, l.startsAt])).toEqual([
      ['Risograph basics', at(2, 22)],
      ['Risograph basics', at(9, 22)],
    ]);
    const sessions = await database.db.select().from(workshopSessions).where(eq(workshopSessions.orgId, org.id));
    const sessionOf = (draftId: string) => sessions.find((s) => s.draftId === draftId)!;
    const person = (draftId: string, name: string, status: 'registered' | 'waitlisted' = 'registered') => ({
      orgId: org.id,
      workshopId: sessionOf(draftId).workshopId,
      sessionId: sessionOf(draftId).id,
      email: `${name.toLowerCase()}@example.org`,
      name,
      status,
      waitlistPosition: status === 'waitlisted' ? 1 : null,
    });
    await database.db
      .insert(workshopRegistrations)
      .values([person('a', 'Zoe'), person('a', 'Ana'), person('b', 'Jo'), person('b', 'Wes', 'waitlisted')]);

    doc.transact(() => {
      draftMaps(doc).sessions.get('a')!.set('startsAt', at(2, 23));
      draftMaps(doc).sessions.get('a')!.set('endsAt', at(3, 1));
      draftMaps(doc).sessions.delete('b');
    });
    const preview = await publish(true);
    expect(preview.told).toBe(4);
    expect(preview.emails.map((e) => [e.kind, e.recipients, e.example.subject, e.example.paragraphs[0]])).toEqual([
      ['session.rescheduled', 2, 'New time: Risograph basics', 'Hello Ana,'],
      ['registration.cancelled', 2, 'Cancelled: Risograph basics', 'Hello Jo,'],
    ]);
    // The moved session's example says its new time, in the room's zone.
    expect(preview.emails[0].example.details[0]).toEqual(['When', 'Tuesday, April 2, 2030, 7:00 – 9:00 PM EDT']);
    expect(await listSessionRegistrants(database.db, { orgId: org.id, seasonId: season.id, draftItemId: 'a' })).toEqual(
      { names: ['Ana', 'Zoe'], total: 2 },
    );
    expect(
      await listSessionRegistrants(database.db, {
        orgId: 'f0000000-0000-4000-8000-000000000000',
        seasonId: season.id,
        draftItemId: 'a',
      }),
    ).toEqual({ names: [], total: 0 });

    const done = await publish(false);
    expect([done.published, done.told]).toEqual([true, 4]);
    expect(done.links?.map((l) => [l.sessionId, l.startsAt])).toEqual([[sessionOf('a').id, at(2, 23)]]);
  });
});
