import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import * as Y from 'yjs';
import type { Actor } from '../core/actor';
import { addDraftItems, draftItemsSchema } from '../core/draft/model';
import type { Database } from './client';
import type { Resource } from './operations/bookings/resources';
import { createSeason, storeDraftState } from './operations/seasons/seasons';

/** [week of the season, weekday 0 = Monday, start "HH:mm", hours] */
type SessionTime = [number, number, string, number];

interface PlannedWorkshop {
  key: string;
  title: string;
  capacity: number;
  tags: string[];
  color: string;
  description: string;
  /** Index into the organization's demo resources. */
  room: number;
  sessions: SessionTime[];
}

const weekly = (weeks: number[], weekday: number, start: string, hours: number) =>
  weeks.map((week): SessionTime => [week, weekday, start, hours]);

interface PlannedSeason {
  workshops: PlannedWorkshop[];
  block: { title: string; room: number; at: SessionTime };
}

/**
 * Oolite's next season as a draft, so the board opens on a plan (ADR 017): four weekly workshops in
 * Classroom 1 and the Project Room, an install block, and the two kinds of trouble the board
 * explains and repairs: a portfolio review that overlaps a class (red) and a family day with more
 * seats than its room has (yellow).
 */
const OOLITE_WORKSHOPS: PlannedWorkshop[] = [
  {
    key: 'riso-basics',
    title: 'Risograph Basics',
    capacity: 10,
    tags: ['print'],
    color: '#0ea5e9',
    description: 'Two-colour prints on the studio Risograph, from drawing to a finished edition.',
    room: 0,
    sessions: weekly([0, 1, 2, 3, 4, 5], 1, '18:00', 2),
  },
  {
    key: 'figure-drawing',
    title: 'Open Figure Drawing',
    capacity: 14,
    tags: ['drawing', 'adults'],
    color: '#8b5cf6',
    description: 'A model, easels and two and a half hours; bring your own paper.',
    room: 0,
    sessions: weekly([0, 1, 2, 3, 4, 5], 3, '18:00', 2.5),
  },
  {
    key: 'glaze-chemistry',
    title: 'Glaze Chemistry',
    capacity: 8,
    tags: ['ceramics'],
    color: '#f59e0b',
    description: 'Mix, test and fire your own glazes.',
    room: 0,
    sessions: weekly([1, 2, 3, 4], 5, '10:00', 3),
  },
  {
    key: 'artist-talks',
    title: 'Artist Talk Series',
    capacity: 40,
    tags: ['talks', 'free'],
    color: '#10b981',
    description: 'Lunchtime talks by this year’s residents.',
    room: 1,
    sessions: weekly([0, 2, 4], 2, '12:00', 1),
  },
  {
    key: 'portfolio-review',
    title: 'Portfolio Review',
    capacity: 6,
    tags: ['professional practice'],
    color: '#ef4444',
    description: 'Twenty minutes with a curator, one to one.',
    room: 0,
    // Overlaps Risograph Basics in the season's second week.
    sessions: [[1, 1, '19:00', 2]],
  },
  {
    key: 'family-print-day',
    title: 'Family Print Day',
    capacity: 20,
    tags: ['all ages'],
    color: '#ec4899',
    description: 'Stamps, stencils and sun prints for all ages.',
    // 20 seats in a room for 16.
    room: 0,
    sessions: [[3, 6, '11:00', 3]],
  },
];

/** A draft season per demo organization that has one, by slug. */
const DEMO_SEASONS: Record<string, PlannedSeason> = {
  oolite: {
    workshops: OOLITE_WORKSHOPS,
    block: { title: 'Install: Open Studios', room: 1, at: [3, 0, '10:00', 8] },
  },
};

const SEASON_WEEKS = 6;
/** The season a month starts: December → Winter. */
const SEASON_OF_MONTH = [
  'Winter',
  'Winter',
  'Spring',
  'Spring',
  'Spring',
  'Summer',
  'Summer',
  'Summer',
  'Fall',
  'Fall',
  'Fall',
  'Winter',
];

export async function seedDemoSeason(
  db: Database,
  input: { slug: string; orgId: string; actor: Actor; resources: Resource[]; nextMonday: DateTime },
): Promise<void> {
  const plan = DEMO_SEASONS[input.slug];
  if (!plan) return;
  // The week after the demo bookings' week, six weeks long.
  const first = input.nextMonday.plus({ weeks: 1 });
  const season = await createSeason(db, {
    orgId: input.orgId,
    actor: input.actor,
    season: {
      name: `${SEASON_OF_MONTH[first.month - 1]} ${first.year}`,
      startsOn: first.toISODate()!,
      endsOn: first.plus({ weeks: SEASON_WEEKS, days: -1 }).toISODate()!,
    },
  });
  const at = ([week, weekday, start, hours]: SessionTime) => {
    const [hour, minute] = start.split(':').map(Number);
    const starts = first.plus({ weeks: week, days: weekday }).set({ hour, minute });
    return { startsAt: starts.toUTC().toISO()!, endsAt: starts.plus({ hours }).toUTC().toISO()! };
  };
  const items = draftItemsSchema.parse({
    workshops: plan.workshops.map(({ room, sessions, ...workshop }) => workshop),
    sessions: plan.workshops.flatMap((workshop) =>
      workshop.sessions.map((session) => ({
        workshopKey: workshop.key,
        resourceId: input.resources[workshop.room].id,
        ...at(session),
      })),
    ),
    blocks: [{ title: plan.block.title, resourceId: input.resources[plan.block.room].id, ...at(plan.block.at) }],
  });
  const doc = new Y.Doc();
  try {
    addDraftItems(doc, items, randomUUID);
    await storeDraftState(db, season.id, Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
}
