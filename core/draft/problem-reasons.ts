import { DateTime } from 'luxon';
import { openIntervalsOnDay } from '../availability';
import type { Problem, ResourceFacts } from './conflicts';
import type { DraftSnapshot } from './model';

/**
 * Why an item is red or yellow, as data a board or an email can put in words (problem-words.ts):
 * each problem findProblems reports, with the facts behind it — the other side of an overlap with
 * its room and times, the room's opening hours that day, the seats against the room.
 */

export interface OtherSide {
  kind: 'session' | 'block' | 'booking';
  id: string;
  title: string;
  resourceId?: string;
  resourceTitle?: string;
  startsAt?: string;
  endsAt?: string;
  /** The zone to show its times in: its room's, else the organization's. */
  timeZone: string;
}

export type ProblemReason =
  | { code: 'overlap' | 'booked_elsewhere'; other: OtherSide }
  | {
      code: 'outside_availability';
      resourceId: string;
      resourceTitle: string;
      timeZone: string;
      /** The room's local date the item starts on. */
      date: string;
      /** The opening hours that day, as instants; none when the room is closed that day. */
      hours: { startsAt: string; endsAt: string }[];
    }
  | { code: 'over_capacity'; seats: number; roomCapacity: number; resourceId: string; resourceTitle: string }
  | { code: 'unknown_resource'; resourceId?: string }
  | { code: 'not_bookable'; resourceId?: string; resourceTitle: string }
  | { code: 'unknown_workshop' }
  | { code: 'invalid_time' }
  | { code: 'invalid_item'; field: string; detail: string };

export interface ReasonContext {
  draft: DraftSnapshot;
  resources: Map<string, ResourceFacts>;
  /** The organization's zone: for times on a room that is not known. */
  timeZone: string;
}

function seatsOf(draft: DraftSnapshot, sessionId: string): number | undefined {
  const session = draft.sessions[sessionId];
  return session?.capacity ?? draft.workshops[session?.workshopKey ?? '']?.capacity;
}

export function explainProblem(problem: Problem, context: ReasonContext): ProblemReason {
  const room = problem.item.resourceId ? context.resources.get(problem.item.resourceId) : undefined;
  switch (problem.code) {
    case 'overlap':
    case 'booked_elsewhere': {
      const other = problem.with!;
      const otherRoom = other.resourceId ? context.resources.get(other.resourceId) : undefined;
      return {
        code: problem.code,
        other: {
          kind: other.kind as OtherSide['kind'],
          id: other.id,
          title: other.title,
          resourceId: other.resourceId,
          resourceTitle: otherRoom?.title,
          startsAt: other.startsAt,
          endsAt: other.endsAt,
          timeZone: otherRoom?.timeZone ?? context.timeZone,
        },
      };
    }
    case 'outside_availability': {
      if (!room || !problem.item.startsAt) return { code: 'unknown_resource', resourceId: problem.item.resourceId };
      const date = DateTime.fromISO(problem.item.startsAt, { zone: room.timeZone }).toISODate()!;
      return {
        code: 'outside_availability',
        resourceId: room.id,
        resourceTitle: room.title,
        timeZone: room.timeZone,
        date,
        hours: openIntervalsOnDay(
          room.availabilityRules,
          room.timeZone,
          DateTime.fromISO(date, { zone: room.timeZone }),
        ).map((open) => ({ startsAt: open.start.toISOString(), endsAt: open.end.toISOString() })),
      };
    }
    case 'over_capacity':
      return {
        code: 'over_capacity',
        seats: seatsOf(context.draft, problem.item.id) ?? 0,
        roomCapacity: room?.capacity ?? 0,
        resourceId: problem.item.resourceId ?? '',
        resourceTitle: room?.title ?? '',
      };
    case 'not_bookable':
      return { code: 'not_bookable', resourceId: problem.item.resourceId, resourceTitle: room?.title ?? '' };
    case 'unknown_resource':
      return { code: 'unknown_resource', resourceId: problem.item.resourceId };
    case 'unknown_workshop':
      return { code: 'unknown_workshop' };
    case 'invalid_time':
      return { code: 'invalid_time' };
    case 'invalid_item': {
      const field = problem.field ?? problem.item.kind;
      const marker = `wrong ${field}: `;
      const at = problem.message.indexOf(marker);
      return {
        code: 'invalid_item',
        field,
        detail: at >= 0 ? problem.message.slice(at + marker.length) : problem.message,
      };
    }
  }
}
