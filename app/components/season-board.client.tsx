import { DateTime, Settings } from 'luxon';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Calendar, luxonLocalizer, type Messages, type SlotInfo, type View, type ViewsProps } from 'react-big-calendar';
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import type { AvailabilityRules } from '../../core/availability';
import { findProblems, type ExistingBooking, type Problem, type ResourceFacts } from '../../core/draft/conflicts';
import { withoutInvalidItems } from '../../core/draft/item-checks';
import type { BookingView } from '../../db/operations/bookings/booking-records';
import { parseSeasonCsv } from '../../core/draft/csv-import';
import { toYMap } from '../../core/draft/model';
import { CsvImport } from './csv-import';
import { SeriesForm } from './series-form';
import { PublishDialog } from './publish-dialog';
import { SeasonTimeline, type SeasonTimelineItem } from './season-timeline/season-timeline';
import { SeasonAgenda } from './season-agenda/season-agenda';
import { usePhoneLayout } from './season-agenda/use-phone-layout';
import { useSeasonDraft } from './use-season-draft';
import { useBookingChanges } from './use-booking-changes';

interface BoardResource {
  id: string;
  title: string;
  type: string;
  capacity: number;
  timeZone: string;
  availabilityRules: AvailabilityRules;
}
interface Props {
  org: { slug: string; timeZone: string };
  season: { id: string; name: string; startsOn: string; endsOn: string };
  documentName: string;
  collabUrl: string | null;
  user: { id: string; name: string };
  resources: BoardResource[];
}
interface BoardEvent {
  id: string;
  kind: 'session' | 'block' | 'booking';
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
}

const DragAndDropCalendar = withDragAndDrop<BoardEvent, BoardResource>(Calendar);
// The editor (ProseMirror) is most of the board's weight: load it when a description is opened.
const DescriptionEditor = lazy(() => import('./description-editor.client'));
const BLOCK = '__block__';
// The timeline is drawn instead of the calendar; this entry only puts its button in the calendar's toolbar.
const TIMELINE_SLOT = Object.assign(() => null, {
  range: (date: Date) => [date],
  navigate: (date: Date) => date,
  title: () => '',
});
const VIEWS = { day: true, week: true, timeline: TIMELINE_SLOT } as ViewsProps<BoardEvent, BoardResource>;
const VIEW_NAMES = { timeline: 'Timeline' } as Messages;

/** A readable key for a new workshop card, unique enough among one season's cards. */
const newWorkshopKey = (title: string) =>
  `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)}-${crypto.randomUUID().slice(0, 4)}`;

/** The season board: a shared draft of sessions and blocks, with trouble marked live, then publish. */
export default function SeasonBoard({ org, season, documentName, collabUrl, user, resources }: Props) {
  Settings.defaultZone = org.timeZone;
  const localizer = useMemo(() => luxonLocalizer(DateTime, { firstDayOfWeek: 1 }), []);
  const board = useSeasonDraft(documentName, user, collabUrl);
  const { snapshot } = board;
  const [view, setView] = useState<View>('timeline' as View);
  const phone = usePhoneLayout();
  const [date, setDate] = useState(() => DateTime.fromISO(season.startsOn).toJSDate());
  const [placing, setPlacing] = useState<string>(BLOCK);
  const [selected, setSelected] = useState<string | null>(null);
  const [liveBookings, setLiveBookings] = useState<BookingView[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [describing, setDescribing] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads changes when a booking changed elsewhere, to fetch again
  useEffect(() => {
    const from = DateTime.fromISO(season.startsOn).startOf('day').toUTC().toISO();
    const to = DateTime.fromISO(season.endsOn).plus({ days: 1 }).startOf('day').toUTC().toISO();
    fetch(`/${org.slug}/admin/calendar/events?from=${from}&to=${to}`)
      .then((r) => r.json())
      .then((body: { bookings?: BookingView[] }) => setLiveBookings(body.bookings ?? []))
      .catch(() => undefined);
  }, [org.slug, season.startsOn, season.endsOn, reloads]);
  // Bookings made elsewhere are loaded again as they change, so their conflicts turn red at once.
  useBookingChanges(org.slug, () => setReloads((n) => n + 1));

  const resourceFacts = useMemo(
    () => new Map<string, ResourceFacts>(resources.map((r) => [r.id, { ...r, bookable: true }])),
    [resources],
  );
  // Bookings this season published are the draft itself; everything else is "made elsewhere".
  const elsewhere: ExistingBooking[] = useMemo(
    () =>
      liveBookings
        .filter((b) => b.seasonId !== season.id)
        .map((b) => ({
          id: b.id,
          title: b.title,
          resourceId: b.resourceId,
          startsAt: new Date(b.startsAt),
          endsAt: new Date(b.endsAt),
        })),
    [liveBookings, season.id],
  );
  const problems = useMemo(
    () => findProblems(snapshot, { resources: resourceFacts, existing: elsewhere }),
    [snapshot, resourceFacts, elsewhere],
  );
  const problemsById = useMemo(() => {
    const byId = new Map<string, Problem[]>();
    for (const p of problems)
      for (const id of [p.item.id, p.with?.kind !== 'booking' ? p.with?.id : undefined])
        if (id) byId.set(id, [...(byId.get(id) ?? []), p]);
    return byId;
  }, [problems]);

  // Items written wrong into the draft are listed under Trouble, not drawn: their dates may be none.
  const drawable = useMemo(() => withoutInvalidItems(snapshot, problems), [snapshot, problems]);
  const events: BoardEvent[] = useMemo(
    () => [
      ...Object.values(drawable.sessions).map((s) => ({
        id: s.id,
        kind: 'session' as const,
        title: drawable.workshops[s.workshopKey]?.title ?? s.workshopKey,
        start: new Date(s.startsAt),
        end: new Date(s.endsAt),
        resourceId: s.resourceId,
      })),
      ...Object.values(drawable.blocks).map((b) => ({
        id: b.id,
        kind: 'block' as const,
        title: b.title,
        start: new Date(b.startsAt),
        end: new Date(b.endsAt),
        resourceId: b.resourceId,
      })),
      ...elsewhere.map((b) => ({
        id: b.id,
        kind: 'booking' as const,
        title: `${b.title} (booked)`,
        start: b.startsAt,
        end: b.endsAt,
        resourceId: b.resourceId,
      })),
    ],
    [drawable, elsewhere],
  );

  const move = useCallback(
    ({ event, start, end, resourceId }: EventInteractionArgs<BoardEvent>) => {
      if (event.kind === 'booking') return;
      board.edit((maps) => {
        const item = (event.kind === 'session' ? maps.sessions : maps.blocks).get(event.id);
        item?.set('startsAt', new Date(start).toISOString());
        item?.set('endsAt', new Date(end).toISOString());
        if (resourceId) item?.set('resourceId', String(resourceId));
      });
    },
    [board],
  );

  const place = (slot: SlotInfo) => {
    const id = crypto.randomUUID();
    const fields = {
      id,
      resourceId: String(slot.resourceId ?? resources[0]?.id),
      startsAt: slot.start.toISOString(),
      endsAt: slot.end.toISOString(),
    };
    board.edit((maps) => {
      if (placing === BLOCK)
        maps.blocks.set(
          id,
          toYMap({
            ...fields,
            title: window.prompt('What is this block? (install, maintenance, private event…)') || 'Block',
          }),
        );
      else maps.sessions.set(id, toYMap({ ...fields, workshopKey: placing }));
    });
  };

  const addWorkshop = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const capacity = Number(data.get('capacity'));
    if (!title || !Number.isInteger(capacity) || capacity < 0) return;
    const key = newWorkshopKey(title);
    board.edit((maps) =>
      maps.workshops.set(key, toYMap({ key, title, capacity, tags: [], isPublic: data.get('isPublic') === 'on' })),
    );
    setPlacing(key);
    form.reset();
  };

  /** Rows become sessions; a workshop title not on the board yet becomes a new card. */
  const importCsv = (text: string) => {
    const { sessions, errors } = parseSeasonCsv(text, { rooms: resources, timeZone: org.timeZone });
    board.edit((maps) => {
      const keyByTitle = new Map(Object.values(drawable.workshops).map((w) => [w.title.toLowerCase(), w.key]));
      for (const session of sessions) {
        let key = keyByTitle.get(session.workshopTitle.toLowerCase());
        if (!key) {
          key = newWorkshopKey(session.workshopTitle);
          maps.workshops.set(
            key,
            toYMap({ key, title: session.workshopTitle, capacity: 10, tags: [], isPublic: true }),
          );
          keyByTitle.set(session.workshopTitle.toLowerCase(), key);
        }
        const id = crypto.randomUUID();
        maps.sessions.set(
          id,
          toYMap({
            id,
            workshopKey: key,
            resourceId: session.resourceId,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
          }),
        );
      }
    });
    return { imported: sessions.length, errors };
  };

  const selectedSession = selected ? snapshot.sessions[selected] : undefined;
  const selectedItem = selectedSession ?? (selected ? snapshot.blocks[selected] : undefined);
  const selectedTitle = selectedSession
    ? snapshot.workshops[selectedSession.workshopKey]?.title
    : selected
      ? snapshot.blocks[selected]?.title
      : undefined;
  const remove = () =>
    selected &&
    board.edit((maps) => (maps.sessions.has(selected) ? maps.sessions.delete(selected) : maps.blocks.delete(selected)));
  const duplicate = () => {
    if (!selected || !selectedItem) return;
    const id = crypto.randomUUID();
    const week = 7 * 86_400_000;
    const copy = {
      ...selectedItem,
      id,
      startsAt: new Date(new Date(selectedItem.startsAt).getTime() + week).toISOString(),
      endsAt: new Date(new Date(selectedItem.endsAt).getTime() + week).toISOString(),
    };
    board.edit((maps) => (snapshot.sessions[selected] ? maps.sessions : maps.blocks).set(id, toYMap(copy)));
  };
  const selectedEvent = useMemo(() => events.find((e) => e.id === selected), [events, selected]);
  const othersSelecting = new Map(
    board.presence.filter((p) => p.clientId !== board.myClientId && p.selected).map((p) => [p.selected!, p]),
  );
  const timelineItems: SeasonTimelineItem[] = useMemo(
    () =>
      events.map((e) => {
        const trouble = problemsById.get(e.id) ?? [];
        const problem = trouble.some((p) => p.severity === 'hard') ? 'hard' : trouble.length ? 'soft' : null;
        return { ...e, roomId: e.resourceId, problem };
      }),
    [events, problemsById],
  );
  const itemPresence = new Map(
    [...othersSelecting].map(([id, person]) => [id, [{ name: person.name, colour: person.color }]]),
  );
  const problemText = (id: string) => (problemsById.get(id) ?? []).map((p) => p.message).join('\n');
  const selectItem = (id: string | null) => {
    setSelected(id);
    board.select(id);
  };
  const moveItem = (id: string, resourceId: string, start: Date, end: Date) => {
    const event = events.find((e) => e.id === id);
    if (event) move({ event, start, end, resourceId });
  };
  const duplicateTo = (id: string, resourceId: string, start: Date, end: Date) => {
    const original = snapshot.sessions[id] ?? snapshot.blocks[id];
    if (!original) return;
    const copy = {
      ...original,
      id: crypto.randomUUID(),
      resourceId,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
    };
    board.edit((maps) => (snapshot.sessions[id] ? maps.sessions : maps.blocks).set(copy.id, toYMap(copy)));
  };
  const removeItem = (id: string) => {
    board.edit((maps) => (maps.sessions.has(id) ? maps.sessions.delete(id) : maps.blocks.delete(id)));
    selectItem(null);
  };
  const onItemKey = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Delete' || event.key === 'Backspace') removeItem(id);
    if (event.key === 'Escape') selectItem(null);
  };
  const timelineProps = {
    items: timelineItems,
    rooms: resources,
    timeZone: org.timeZone,
    firstDay: season.startsOn,
    lastDay: season.endsOn,
    selectedId: selected,
    onSelect: selectItem,
    onMove: moveItem,
    problemText,
    presence: itemPresence,
  };
  const hard = problems.filter((p) => p.severity === 'hard');
  const soft = problems.filter((p) => p.severity === 'soft');
  const last = board.lastPublish as
    | {
        revision?: number;
        publishedByName?: string;
        publishedAt?: string;
        counts?: Record<string, number>;
        published?: boolean;
      }
    | undefined;

  return (
    <div className="season-board">
      {!board.online ? (
        <p className="notice offline-banner" role="status">
          Offline — keep editing: your changes are kept in this browser and merge when the connection returns.
        </p>
      ) : null}
      <div className="row board-bar">
        <span className="presence" title="Who is here">
          {board.presence.map((p) => (
            <span key={p.clientId} className="avatar" style={{ background: p.color }} title={p.name}>
              {p.name.slice(0, 1).toUpperCase()}
            </span>
          ))}
        </span>
        <button type="button" className="secondary" onClick={() => board.undoManager.undo()}>
          Undo
        </button>
        <button type="button" className="secondary" onClick={() => board.undoManager.redo()}>
          Redo
        </button>
        {/* A phone has no drag-select: the agenda moves and cancels, it does not create. */}
        <label hidden={phone}>
          Drag-select creates{' '}
          <select value={placing} onChange={(e) => setPlacing(e.target.value)} aria-label="Drag-select creates">
            <option value={BLOCK}>a block (install, maintenance…)</option>
            {Object.values(snapshot.workshops).map((w) => (
              <option key={w.key} value={w.key}>
                a session of “{w.title}”
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setPublishing(true)}>
          Publish…
        </button>
      </div>
      {last?.revision ? (
        <p className="notice publish-report" role="status">
          Published revision {last.revision}
          {last.publishedByName ? ` by ${last.publishedByName}` : ''}
          {last.publishedAt ? ` at ${DateTime.fromISO(last.publishedAt).toFormat('d LLL HH:mm')}` : ''}
          {last.counts
            ? ` — ${last.counts.added} added, ${last.counts.moved} moved, ${last.counts.changed} changed, ${last.counts.removed} removed`
            : ''}
        </p>
      ) : null}
      {phone ? (
        <SeasonAgenda
          {...timelineProps}
          onRemove={removeItem}
          people={board.presence.map((p) => ({ name: p.name, colour: p.color }))}
        />
      ) : (
        <div className="board-layout">
          <aside className="workshop-cards">
            <h2>Workshops</h2>
            <ul>
              {Object.values(snapshot.workshops).map((w) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the "Drag-select creates" menu offers the same choice by keyboard
                <li
                  key={w.key}
                  className={placing === w.key ? 'card placing' : 'card'}
                  onClick={() => setPlacing(w.key)}
                >
                  <strong>{w.title}</strong>
                  <br />
                  <small className="muted">
                    {w.capacity} seats{w.isPublic ? ' · public' : ''}
                  </small>{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Edit the description of ${w.title}`}
                    onClick={() => setDescribing(w.key)}
                  >
                    Description
                  </button>
                </li>
              ))}
            </ul>
            {describing && board.provider && snapshot.workshops[describing] ? (
              <Suspense fallback={<p className="muted">Opening the description…</p>}>
                <DescriptionEditor
                  doc={board.doc}
                  provider={board.provider}
                  workshopKey={describing}
                  workshopTitle={snapshot.workshops[describing].title}
                  user={{ name: user.name, color: board.color }}
                  onClose={() => setDescribing(null)}
                />
              </Suspense>
            ) : null}
            <form
              onSubmit={(e) => {
                e.preventDefault();
                addWorkshop(e.currentTarget);
              }}
              className="new-workshop"
            >
              <label className="field">
                Title <input name="title" required />
              </label>
              <label className="field">
                Seats <input name="capacity" type="number" min={0} defaultValue={10} required />
              </label>
              <label>
                <input name="isPublic" type="checkbox" defaultChecked /> Public
              </label>
              <button type="submit" className="secondary">
                Add workshop
              </button>
            </form>
            <SeriesForm
              workshopTitle={placing === BLOCK ? undefined : snapshot.workshops[placing]?.title}
              rooms={resources}
              timeZone={org.timeZone}
              onCreate={(resourceId, sessions) =>
                board.edit((maps) => {
                  for (const session of sessions) {
                    const id = crypto.randomUUID();
                    maps.sessions.set(id, toYMap({ id, workshopKey: placing, resourceId, ...session }));
                  }
                })
              }
            />
            <CsvImport onImport={importCsv} />
            <h2>Trouble</h2>
            {hard.length === 0 && soft.length === 0 ? <p className="muted">None.</p> : null}
            <ul className="problems">
              {hard.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own; the list is rebuilt on every change
                <li key={`h${i}`} className="problem-hard">
                  {p.message}
                </li>
              ))}
              {soft.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own; the list is rebuilt on every change
                <li key={`s${i}`} className="problem-soft">
                  {p.message}
                </li>
              ))}
            </ul>
            {selectedItem ? (
              <div className="selected-item">
                <h2>Selected</h2>
                <p>{selectedTitle}</p>
                <button type="button" className="secondary" onClick={duplicate}>
                  Duplicate a week later
                </button>{' '}
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    remove();
                    setSelected(null);
                  }}
                >
                  Delete
                </button>
              </div>
            ) : null}
          </aside>
          {view === ('timeline' as View) ? (
            <SeasonTimeline
              {...timelineProps}
              onResize={(id, start, end) => moveItem(id, events.find((e) => e.id === id)?.resourceId ?? '', start, end)}
              onCreate={(resourceId, start, end) => place({ resourceId, start, end } as SlotInfo)}
              onDuplicate={duplicateTo}
              onItemKeyDown={onItemKey}
              toolbarStart={
                <button type="button" onClick={() => setView('week')}>
                  Calendar
                </button>
              }
            />
          ) : (
            <DragAndDropCalendar
              localizer={localizer}
              events={events}
              resources={resources}
              resourceIdAccessor="id"
              resourceTitleAccessor="title"
              view={view}
              views={VIEWS}
              messages={VIEW_NAMES}
              selected={selectedEvent}
              onView={setView}
              date={date}
              onNavigate={setDate}
              step={30}
              timeslots={2}
              selectable
              resizable
              draggableAccessor={(e) => e.kind !== 'booking'}
              resizableAccessor={(e) => e.kind !== 'booking'}
              onSelectSlot={place}
              onSelectEvent={(e) => {
                if (e.kind === 'booking') return;
                setSelected(e.id);
                board.select(e.id);
              }}
              onEventDrop={move}
              onEventResize={move}
              eventPropGetter={(e) => {
                const trouble = problemsById.get(e.id) ?? [];
                const classes = [`draft-${e.kind}`];
                if (trouble.some((p) => p.severity === 'hard')) classes.push('problem-hard');
                else if (trouble.length) classes.push('problem-soft');
                const other = othersSelecting.get(e.id);
                return {
                  className: classes.join(' '),
                  style: other ? { outline: `3px solid ${other.color}` } : undefined,
                  title: trouble.map((p) => p.message).join('\n') || undefined,
                };
              }}
              scrollToTime={DateTime.fromJSDate(date).set({ hour: 8 }).toJSDate()}
              style={{ height: '75vh', flex: 1 }}
            />
          )}
        </div>
      )}
      {publishing ? (
        <PublishDialog
          orgSlug={org.slug}
          seasonId={season.id}
          onClose={() => {
            setPublishing(false);
            setReloads((n) => n + 1);
          }}
        />
      ) : null}
    </div>
  );
}
