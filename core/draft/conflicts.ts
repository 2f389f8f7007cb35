import type { AvailabilityRules } from '../availability';
import { availabilityChecker } from '../availability-checker';
import { invalidItemProblems, withoutInvalidItems } from './item-checks';
import type { DraftSnapshot } from './model';

/** A session or block of the draft, as something that occupies a resource. */
export interface PlannedItem {
  id: string;
  kind: 'session' | 'block';
  title: string;
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  /** Seats: the session's own override, else its workshop's. */
  capacity?: number;
  capacityOverride?: number;
  workshopKey?: string;
}

/** A live booking made elsewhere (not one this season published). */
export interface ExistingBooking {
  id: string;
  title: string;
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface ResourceFacts {
  id: string;
  title: string;
  /** space, equipment, person, other: a repair moves an item only to a resource of the same type. */
  type?: string;
  capacity: number;
  timeZone: string;
  availabilityRules: AvailabilityRules;
  bookable: boolean;
}

export type ProblemCode =
  | 'overlap'
  | 'booked_elsewhere'
  | 'unknown_resource'
  | 'not_bookable'
  | 'unknown_workshop'
  | 'invalid_time'
  | 'invalid_item'
  | 'outside_availability'
  | 'over_capacity';

export interface ProblemSide {
  kind: 'workshop' | 'session' | 'block' | 'booking';
  id: string;
  title: string;
  resourceId?: string;
  startsAt?: string;
  endsAt?: string;
}

export interface Problem {
  severity: 'hard' | 'soft';
  code: ProblemCode;
  item: ProblemSide;
  with?: ProblemSide;
  /** For `invalid_item`: the wrong field of the item. */
  field?: string;
  message: string;
}

export function plannedItems(draft: DraftSnapshot): PlannedItem[] {
  const sessions = Object.values(draft.sessions).map(
    (s): PlannedItem => ({
      id: s.id,
      kind: 'session',
      title: draft.workshops[s.workshopKey]?.title ?? s.workshopKey,
      resourceId: s.resourceId,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      capacity: s.capacity ?? draft.workshops[s.workshopKey]?.capacity,
      capacityOverride: s.capacity,
      workshopKey: s.workshopKey,
    }),
  );
  const blocks = Object.values(draft.blocks).map(
    (b): PlannedItem => ({
      id: b.id,
      kind: 'block',
      title: b.title,
      resourceId: b.resourceId,
      startsAt: new Date(b.startsAt),
      endsAt: new Date(b.endsAt),
    }),
  );
  return [...sessions, ...blocks];
}

/** The resources and the time span a plan touches: what to look at in the calendar around it. */
export function plannedWindow(planned: PlannedItem[]): { resourceIds: string[]; from: Date; to: Date } | undefined {
  if (planned.length === 0) return undefined;
  return {
    resourceIds: [...new Set(planned.map((p) => p.resourceId))],
    from: new Date(Math.min(...planned.map((p) => p.startsAt.getTime()))),
    to: new Date(Math.max(...planned.map((p) => p.endsAt.getTime()))),
  };
}

function side(item: PlannedItem | ExistingBooking, kind: ProblemSide['kind']): ProblemSide {
  return {
    kind,
    id: item.id,
    title: item.title,
    resourceId: item.resourceId,
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
  };
}

type Occupant = { item: PlannedItem; kind: 'session' | 'block' } | { item: ExistingBooking; kind: 'booking' };

/** Every pair that overlaps on one resource ([start, end) intervals), found by one sweep per resource. */
function overlappingPairs(occupants: Occupant[]): [Occupant, Occupant][] {
  const byResource = new Map<string, Occupant[]>();
  for (const occupant of occupants) {
    const list = byResource.get(occupant.item.resourceId) ?? [];
    list.push(occupant);
    byResource.set(occupant.item.resourceId, list);
  }
  const pairs: [Occupant, Occupant][] = [];
  for (const list of byResource.values()) {
    list.sort((a, b) => a.item.startsAt.getTime() - b.item.startsAt.getTime());
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].item.startsAt < list[i].item.endsAt; j++) {
        if (list[i].kind === 'booking' && list[j].kind === 'booking') continue;
        pairs.push([list[i], list[j]]);
      }
    }
  }
  return pairs;
}

/**
 * Everything wrong with a draft, not just the first thing: hard problems (overlaps with each other or
 * with bookings made elsewhere, unknown or unbookable resources, unknown workshops) block publishing;
 * soft ones (outside opening hours, more seats than the room holds) are warnings. The same function
 * runs in the browser while people edit and on the server before publishing.
 */
export function findProblems(
  written: DraftSnapshot,
  context: { resources: Map<string, ResourceFacts>; existing: ExistingBooking[] },
): Problem[] {
  const problems = invalidItemProblems(written);
  const draft = withoutInvalidItems(written, problems);
  const items = plannedItems(draft);
  const valid: PlannedItem[] = [];
  // One checker per resource: its opening hours are worked out per day, not per item.
  const checkers = new Map<string, (start: Date, end: Date) => boolean>();
  const isOpen = (resource: ResourceFacts, item: PlannedItem) => {
    let check = checkers.get(resource.id);
    if (!check) {
      check = availabilityChecker(resource.availabilityRules, resource.timeZone);
      checkers.set(resource.id, check);
    }
    return check(item.startsAt, item.endsAt);
  };
  for (const item of items) {
    const resource = context.resources.get(item.resourceId);
    const hard = (code: ProblemCode, message: string) =>
      problems.push({ severity: 'hard', code, item: side(item, item.kind), message });
    if (!(item.endsAt > item.startsAt)) hard('invalid_time', `"${item.title}" must end after it starts`);
    else if (item.kind === 'session' && item.workshopKey && !draft.workshops[item.workshopKey])
      hard('unknown_workshop', `"${item.title}" refers to a workshop that is not in the draft`);
    else if (!resource) hard('unknown_resource', `"${item.title}" is on a resource that does not exist (any more)`);
    else if (!resource.bookable)
      hard('not_bookable', `"${item.title}" is on "${resource.title}", which cannot be booked`);
    else {
      valid.push(item);
      if (!isOpen(resource, item)) {
        problems.push({
          severity: 'soft',
          code: 'outside_availability',
          item: side(item, item.kind),
          message: `"${item.title}" is outside the opening hours of "${resource.title}"`,
        });
      }
      if (item.kind === 'session' && item.capacity !== undefined && item.capacity > resource.capacity) {
        problems.push({
          severity: 'soft',
          code: 'over_capacity',
          item: side(item, item.kind),
          message: `"${item.title}" has ${item.capacity} seats; "${resource.title}" holds ${resource.capacity}`,
        });
      }
    }
  }
  const occupants: Occupant[] = [
    ...valid.map((item) => ({ item, kind: item.kind }) as Occupant),
    ...context.existing.map((item) => ({ item, kind: 'booking' }) as Occupant),
  ];
  for (const [a, b] of overlappingPairs(occupants)) {
    const [planned, other] = a.kind === 'booking' ? [b, a] : [a, b];
    const resourceTitle = context.resources.get(planned.item.resourceId)?.title ?? 'the resource';
    problems.push({
      severity: 'hard',
      code: other.kind === 'booking' ? 'booked_elsewhere' : 'overlap',
      item: side(planned.item, planned.kind),
      with: side(other.item, other.kind),
      message:
        `"${planned.item.title}" overlaps ${other.kind === 'booking' ? 'the booking' : ''} "${other.item.title}" on "${resourceTitle}"`.replace(
          '  ',
          ' ',
        ),
    });
  }
  return problems;
}
