import { createContext, useContext } from 'react';

/** What the timeline draws: the board's sessions, blocks and live bookings. */
export interface TimelineEvent {
  id: string;
  kind: 'session' | 'block' | 'booking';
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
}
export interface TimelineResource {
  id: string;
  title: string;
}

export interface TimelineMove {
  event: TimelineEvent;
  start: Date;
  end: Date;
  resourceId: string;
}

/**
 * What the board hands the timeline besides react-big-calendar's props: the organization's zone and
 * the board's own "move an item" (the one the week view's drag and drop calls), so a move from
 * either view is the same edit of the draft.
 */
export interface SeasonTimelineSettings {
  timeZone: string;
  move: (change: TimelineMove) => void;
}

export const SeasonTimelineContext = createContext<SeasonTimelineSettings | null>(null);

export function useSeasonTimelineSettings(): SeasonTimelineSettings {
  const settings = useContext(SeasonTimelineContext);
  if (!settings) throw new Error('The season timeline needs a SeasonTimelineContext provider around the calendar');
  return settings;
}
