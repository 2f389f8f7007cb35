import { createContext, useContext } from 'react';
import type { EventProps } from 'react-big-calendar';
import type { Presence } from '../use-season-draft';

/** What the day and week calendar draws: the draft's sessions and blocks, and live bookings. */
export interface BoardEvent {
  id: string;
  kind: 'session' | 'block' | 'booking';
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
}

/** Who else is on each item: co-editors who have it selected or are dragging it. */
export const ItemPresenceContext = createContext<Map<string, Presence[]>>(new Map());

/** A co-editor's name on an item they hold, in their colour. */
export function PresenceTags({ people }: { people: Presence[] }) {
  if (people.length === 0) return null;
  return (
    <span className="item-presence">
      {people.map((p) => (
        <span key={p.clientId} className="item-presence-tag" style={{ background: p.color }}>
          {p.name}
          {p.dragging ? ' ↔' : ''}
        </span>
      ))}
    </span>
  );
}

/** What a calendar event shows: its title, and the names of co-editors on it. */
export function BoardItem({ event }: EventProps<BoardEvent>) {
  const people = useContext(ItemPresenceContext).get(event.id) ?? [];
  return (
    <span className="board-item" data-item-id={event.id}>
      <span className="board-item-title">{event.title}</span>
      <PresenceTags people={people} />
    </span>
  );
}
