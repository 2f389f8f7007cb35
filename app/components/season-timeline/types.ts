import type { TimelineItem } from './layout';

/** What the timeline and the agenda draw: the draft's sessions and blocks, and live bookings (shown, never moved). */
export interface SeasonTimelineItem extends TimelineItem {
  kind: 'session' | 'block' | 'booking';
  title: string;
  /** The workshop's colour (any CSS colour); absent: the board's accent. */
  colour?: string;
  /** Red (must be fixed before publishing), yellow (a warning), or fine. */
  problem?: 'hard' | 'soft' | null;
}

/** A co-editor who has this item selected or is dragging it. */
export interface PresencePerson {
  name: string;
  colour: string;
  /** Dragging it right now (otherwise it is only selected). */
  moving?: boolean;
}

/** itemId → the co-editors on it. */
export type ItemPresence = ReadonlyMap<string, readonly PresencePerson[]>;
