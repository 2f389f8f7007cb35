import { DateTime } from 'luxon';
import { useMemo, useState, type FormEvent } from 'react';
import type { TimeFormatter } from '../../../core/time-format';
import { PeopleTags } from '../season-timeline/people-tags';
import type { TimelineRoom } from '../season-timeline/rows';
import { itemWhen } from '../season-timeline/time-labels';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../ui/alert-dialog';
import type { ItemPresence, PresencePerson, SeasonTimelineItem } from '../season-timeline/types';
import { agendaTimes, agendaWeek, agendaWeekLabel, instantsOf } from './agenda-days';
import './season-agenda.css';

/**
 * Props of the phone agenda. Like the timeline it changes nothing itself: a move or a removal goes
 * out through the callbacks, and comes back as new `items`.
 */
export interface SeasonAgendaProps {
  items: SeasonTimelineItem[];
  rooms: TimelineRoom[];
  /** The organization's formatter: its zone places items on days, and it writes every date and time. */
  time: TimeFormatter;
  /** The season's first and last day (YYYY-MM-DD): the agenda pages through their weeks. */
  firstDay: string;
  lastDay: string;
  selectedId: string | null;
  /** An item opened (its form shown) or closed (null): the board shares this as the user's selection. */
  onSelect: (itemId: string | null) => void;
  /** The form's "Move": the same change a drag on the timeline makes. */
  onMove: (itemId: string, roomId: string, start: Date, end: Date) => void;
  /** "Cancel session", confirmed: the item leaves the draft. */
  onRemove: (itemId: string) => void;
  /** Why an item is red or yellow, in words: shown under it (a phone has no hover). */
  problemText: (itemId: string) => string;
  /** Co-editors on each item. */
  presence?: ItemPresence;
  /** Everyone on the board now, this user included: shown at the top. */
  people?: readonly PresencePerson[];
}

/**
 * The season on a phone: one week at a time, day by day, each item with its time, room and
 * trouble; tapping one opens a form to move it to another time or room, or to cancel it. Nothing
 * in it is wider than the screen.
 */
export function SeasonAgenda(props: SeasonAgendaProps) {
  const { items, rooms, time, firstDay, lastDay, selectedId, presence, people = [] } = props;
  const { timeZone } = time;
  const firstWeek = useMemo(() => DateTime.fromISO(firstDay, { zone: timeZone }).startOf('week'), [firstDay, timeZone]);
  const lastWeek = useMemo(() => DateTime.fromISO(lastDay, { zone: timeZone }).startOf('week'), [lastDay, timeZone]);
  const [week, setWeek] = useState<DateTime>(firstWeek);
  const days = useMemo(() => agendaWeek(items, week), [items, week]);
  const roomTitles = useMemo(() => new Map(rooms.map((room) => [room.id, room.title])), [rooms]);
  const goTo = (next: DateTime) => {
    setWeek(next < firstWeek ? firstWeek : next > lastWeek ? lastWeek : next);
    props.onSelect(null);
  };

  return (
    <section className="season-agenda" aria-label="Season agenda">
      {people.length ? (
        <div className="agenda-here">
          <span className="agenda-here-label">Here now</span>
          <ul aria-label="Who is here">
            {people.map((person) => (
              <li key={`${person.name}${person.colour}`} style={{ borderColor: person.colour }}>
                <span className="agenda-dot" style={{ background: person.colour }} aria-hidden="true" />
                {person.name}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <nav className="agenda-weeks" aria-label="Weeks">
        <button
          type="button"
          aria-label="Previous week"
          disabled={week <= firstWeek}
          onClick={() => goTo(week.minus({ weeks: 1 }))}
        >
          ‹
        </button>
        <h2>{agendaWeekLabel(week, time)}</h2>
        <button
          type="button"
          aria-label="Next week"
          disabled={week >= lastWeek}
          onClick={() => goTo(week.plus({ weeks: 1 }))}
        >
          ›
        </button>
      </nav>
      {days.length === 0 ? <p className="agenda-empty">Nothing planned this week.</p> : null}
      {days.map((day) => (
        <section key={day.date} className="agenda-day" aria-label={time.calendarDayHeading(day.date)}>
          <h3>{time.calendarDayHeading(day.date)}</h3>
          <ul>
            {day.items.map((item) => (
              <AgendaItem
                key={item.id}
                item={item}
                roomTitle={roomTitles.get(item.roomId) ?? 'Unknown room'}
                rooms={rooms}
                time={time}
                open={selectedId === item.id}
                problem={item.problem ? props.problemText(item.id) : ''}
                people={presence?.get(item.id)}
                onToggle={() => props.onSelect(selectedId === item.id ? null : item.id)}
                onMove={props.onMove}
                onRemove={props.onRemove}
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

interface ItemProps {
  item: SeasonTimelineItem;
  roomTitle: string;
  rooms: TimelineRoom[];
  time: TimeFormatter;
  open: boolean;
  problem: string;
  people: readonly PresencePerson[] | undefined;
  onToggle: () => void;
  onMove: SeasonAgendaProps['onMove'];
  onRemove: SeasonAgendaProps['onRemove'];
}

function AgendaItem({ item, roomTitle, rooms, time, open, problem, people, onToggle, onMove, onRemove }: ItemProps) {
  const editable = item.kind !== 'booking';
  const [error, setError] = useState<{ text: string; field: string } | null>(null);
  const what = item.kind === 'session' ? 'session' : 'block';
  const timeZone = time.timeZone;
  const start = DateTime.fromJSDate(item.start, { zone: timeZone });
  const end = DateTime.fromJSDate(item.end, { zone: timeZone });
  const shown = agendaTimes(item, time);
  const formId = `agenda-form-${item.id}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const times = instantsOf(String(data.get('date')), String(data.get('start')), String(data.get('end')), timeZone);
    if ('error' in times) return setError({ text: times.error, field: times.field });
    setError(null);
    onMove(item.id, String(data.get('room')), times.start, times.end);
  };

  return (
    <li
      className={`agenda-item draft-${item.kind}${item.problem ? ` problem-${item.problem}` : ''}${open ? ' open' : ''}`}
      style={people?.length ? { boxShadow: `inset 3px 0 0 ${people[0].colour}` } : undefined}
    >
      <button
        type="button"
        className="agenda-summary"
        aria-expanded={editable ? open : undefined}
        aria-controls={editable ? formId : undefined}
        disabled={!editable}
        onClick={onToggle}
      >
        <span className="agenda-time">
          <span>
            {shown.start}
            <span className="agenda-sr"> to </span>
          </span>
          <span>{shown.end}</span>
        </span>
        <span className="agenda-what">
          <span className="agenda-title">
            <span className="agenda-swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.title}
          </span>
          <span className="agenda-room">{roomTitle}</span>
          {problem ? (
            <span className="agenda-problem">
              <span aria-hidden="true">{item.problem === 'hard' ? '⚠ ' : '• '}</span>
              {problem}
            </span>
          ) : null}
          {people?.length ? <PeopleTags people={people} className="agenda-people" /> : null}
        </span>
      </button>
      {open && editable ? (
        <form id={formId} className="agenda-form" onSubmit={submit} aria-label={`Move ${item.title}`}>
          <label>
            Room
            <select name="room" defaultValue={item.roomId}>
              {rooms.map((room) => (
                <option key={room.id} value={room.id}>
                  {room.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Date
            <input
              name="date"
              type="date"
              required
              defaultValue={start.toISODate() ?? ''}
              aria-invalid={error?.field === 'date'}
            />
          </label>
          <div className="agenda-times">
            <label>
              Starts
              <input
                name="start"
                type="time"
                step={900}
                required
                defaultValue={start.toFormat('HH:mm')}
                aria-invalid={error?.field === 'start'}
              />
            </label>
            <label>
              Ends
              <input
                name="end"
                type="time"
                step={900}
                required
                defaultValue={end.toFormat('HH:mm')}
                aria-invalid={error?.field === 'end'}
              />
            </label>
          </div>
          {error ? (
            <p className="agenda-error" role="alert">
              {error.text}
            </p>
          ) : null}
          <div className="agenda-actions">
            <button type="submit" className="agenda-primary">
              Move
            </button>
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <button type="button" className="agenda-quiet-danger">
                  Cancel {what}
                </button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>Cancel this {what}?</AlertDialogTitle>
                  <AlertDialogDescription>
                    “{item.title}” in {roomTitle}, {itemWhen(item, time)}. It leaves the draft for everyone on the
                    board.
                  </AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>Keep</AlertDialogCancel>
                  <AlertDialogAction onClick={() => onRemove(item.id)}>Yes, cancel it</AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          </div>
        </form>
      ) : null}
    </li>
  );
}
