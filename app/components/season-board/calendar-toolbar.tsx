import { createContext, useContext, useId, useMemo } from 'react';
import type { ToolbarProps, View } from 'react-big-calendar';
import { Combobox } from '../ui/combobox';
import { Label } from '../ui/label';
import type { BoardEvent } from './board-item';

/** The room the calendar shows and how to choose another: the board's state, read by its toolbar. */
export interface CalendarRoomChoice {
  rooms: readonly { id: string; title: string; type: string }[];
  roomId: string | null;
  onRoomChange(roomId: string): void;
}

export const CalendarRoomContext = createContext<CalendarRoomChoice>({
  rooms: [],
  roomId: null,
  onRoomChange: () => undefined,
});

/** The view the board draws instead of the calendar: a button of its own, first, as Calendar is on the timeline. */
export const TIMELINE = 'timeline' as View;

/**
 * The day and week calendar's toolbar, laid out as the timeline's: the other view first, Day and
 * Week, back and next with the dates shown, and the room chooser (one room at a time).
 */
export function CalendarToolbar({ label, view, views, localizer, onNavigate, onView }: ToolbarProps<BoardEvent>) {
  const { messages } = localizer;
  const word = (key: string) => String(messages[key as keyof typeof messages] ?? key);
  const { rooms, roomId, onRoomChange } = useContext(CalendarRoomContext);
  const roomField = useId();
  // react-big-calendar hands its toolbar the names of the views, whatever its types say.
  const names = (views as unknown as View[]).filter((name) => name !== TIMELINE);
  const options = useMemo(
    () => rooms.map((room) => ({ value: room.id, label: room.title, keywords: [room.type] })),
    [rooms],
  );
  return (
    <div className="calendar-toolbar">
      <button type="button" onClick={() => onView(TIMELINE)}>
        {word(TIMELINE)}
      </button>
      <fieldset className="calendar-segmented" aria-label="View">
        {names.map((name) => (
          <button key={name} type="button" aria-pressed={view === name} onClick={() => onView(name)}>
            {word(name)}
          </button>
        ))}
      </fieldset>
      <div className="calendar-nav">
        <button type="button" aria-label={word('previous')} onClick={() => onNavigate('PREV')}>
          ‹
        </button>
        <button type="button" aria-label={word('next')} onClick={() => onNavigate('NEXT')}>
          ›
        </button>
        <span className="calendar-range" aria-live="polite">
          {label}
        </span>
      </div>
      <div className="calendar-room">
        <Label htmlFor={roomField}>Room</Label>
        <Combobox
          id={roomField}
          options={options}
          value={roomId ?? ''}
          onValueChange={onRoomChange}
          placeholder="Choose a room…"
          searchPlaceholder="Search rooms…"
          emptyText="No room matches."
        />
      </div>
    </div>
  );
}
