import { DateTime, Settings } from 'luxon';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Calendar, luxonLocalizer, type Messages, type SlotInfo, type View, type ViewsProps } from 'react-big-calendar';
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import type { AvailabilityRules } from '../../core/availability';
import { findProblems, type ExistingBooking, type Problem, type ResourceFacts } from '../../core/draft/conflicts';
import { withoutInvalidItems } from '../../core/draft/item-checks';
import type { BookingView } from '../../db/operations/bookings/booking-records';
import { parseSeasonCsv } from '../../core/draft/csv-import';
import { seasonSpan } from '../../core/draft/season-span';
import { toYMap } from '../../core/draft/model';
import {
  SeasonTimeline,
  type ItemPresence,
  type SeasonTimelineHandle,
  type SeasonTimelineItem,
} from './season-timeline/season-timeline';
import { SeasonAgenda } from './season-agenda/season-agenda';
import { usePhoneLayout, useWideAfterAFrame } from './season-agenda/use-phone-layout';
import { calendarFormats } from './calendar-formats';
import { useTimeFormat } from './time-format';
import { toast } from './ui/toast';
import { useSeasonDraft, type Presence } from './use-season-draft';
import { useBookingChanges } from './use-booking-changes';
import { BoardItem, ItemPresenceContext, type BoardEvent } from './season-board/board-item';
import { ItemTooltip, useHoveredItem } from './season-board/item-tooltip';
import { PresenceBar } from './season-board/presence-bar';
import { SessionPanel, type ItemChange } from './season-board/session-panel';
import { TroubleList } from './season-board/trouble-list';
import { problemsByItem } from './season-board/item-problems';
import { explainProblem } from '../../core/draft/problem-reasons';
import { describeReason, timeWordsOf } from '../../core/draft/problem-words';
import { suggestRepairs, type Suggestion } from '../../core/draft/suggestions';
import { planFixAll, type FixAllPlan } from '../../core/draft/fix-all';
import { applyMoves } from '../../core/draft/apply-moves';
import type { SlotMove } from '../../core/draft/suggestions';
import { Suggestions } from './season-board/suggestions';
import { FixAllDialog } from './season-board/fix-all-dialog';
import { NewBlockDialog } from './season-board/new-block-dialog';
import { LOCAL_ORIGIN } from './use-season-draft';
import { useItemKeys } from './season-board/use-item-keys';
import { WorkshopCards } from './season-board/workshop-cards';
import type { WorkshopChange } from './season-board/workshop-card';
import { PublishDialog } from './season-board/publish-dialog';
import { PublishReportBanner, type SharedPublishReport } from './season-board/publish-report';
import {
  CalendarRoomContext,
  CalendarToolbar,
  TIMELINE,
  type CalendarRoomChoice,
} from './season-board/calendar-toolbar';
import { useCalendarRoom } from './season-board/use-calendar-room';
import './season-board/season-board.css';

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
const COMPONENTS = { event: BoardItem, toolbar: CalendarToolbar };
const WEEK_MS = 7 * 86_400_000;
const UNDO_TOAST = 'season-board-undo';
/** Long enough to read the toast and change one's mind; the bar's Undo stays after it. */
const UNDO_TOAST_MS = 20_000;

/** A readable key for a new workshop card, unique enough among one season's cards. */
const newWorkshopKey = (title: string) =>
  `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)}-${crypto.randomUUID().slice(0, 4)}`;

/** Brings an item of the board into view once it is drawn (after a change of date or view). */
function scrollItemIntoView(id: string, tries = 20) {
  const element = document.querySelector(`.rbc-event [data-item-id="${CSS.escape(id)}"]`)?.closest('.rbc-event');
  if (element instanceof HTMLElement) {
    element.scrollIntoView({ block: 'center', inline: 'center' });
    element.classList.add('is-revealed');
    setTimeout(() => element.classList.remove('is-revealed'), 1600);
  } else if (tries > 0) requestAnimationFrame(() => scrollItemIntoView(id, tries - 1));
}

/** The season board: a shared draft of sessions and blocks, with trouble marked live, then publish. */
export default function SeasonBoard({ org, season, documentName, collabUrl, user, resources }: Props) {
  Settings.defaultZone = org.timeZone;
  const localizer = useMemo(() => luxonLocalizer(DateTime, { firstDayOfWeek: 1 }), []);
  const time = useTimeFormat();
  // A week of one room is seven narrow columns: "Mon 1", as on the timeline; the toolbar names the month.
  const formats = useMemo(
    () => ({
      ...calendarFormats(time),
      dayFormat: (date: Date) => {
        const parts = time.calendarDateParts(DateTime.fromJSDate(date, { zone: time.timeZone }).toISODate() ?? '');
        return `${parts.weekday} ${parts.day}`;
      },
    }),
    [time],
  );
  const board = useSeasonDraft(documentName, user, collabUrl);
  const { snapshot } = board;
  const [view, setView] = useState<View>(TIMELINE);
  const phone = usePhoneLayout();
  const wide = useWideAfterAFrame(phone);
  const timeline = useRef<SeasonTimelineHandle>(null);
  const [date, setDate] = useState(() => DateTime.fromISO(season.startsOn).toJSDate());
  const [placing, setPlacing] = useState<string>(BLOCK);
  const [selected, setSelectedState] = useState<string | null>(null);
  const [liveBookings, setLiveBookings] = useState<BookingView[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [describing, setDescribing] = useState<string | null>(null);
  const { hovered, handlers: hoverHandlers } = useHoveredItem();

  const setSelected = useCallback(
    (id: string | null) => {
      setSelectedState(id);
      board.select(id);
    },
    [board.select],
  );
  const roomIds = useMemo(() => resources.map((room) => room.id), [resources]);
  const selectedItem = selected ? (snapshot.sessions[selected] ?? snapshot.blocks[selected]) : undefined;
  const calendarRoom = useCalendarRoom(
    documentName,
    roomIds,
    selectedItem ? { id: selectedItem.id, roomId: selectedItem.resourceId } : null,
  );
  // Co-editors can follow this user: where they look is shared as it changes (the room, in the calendar).
  const lookingAtRoom = view === TIMELINE ? undefined : (calendarRoom.roomId ?? undefined);
  useEffect(() => {
    board.look({ view, date: date.toISOString(), ...(lookingAtRoom ? { room: lookingAtRoom } : {}) });
  }, [board.look, view, date, lookingAtRoom]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads changes when a booking changed elsewhere, to fetch again
  useEffect(() => {
    // The season's days in the organization's zone, not the browser's (a planner abroad sees the same edges).
    const { from, to } = seasonSpan({ startsOn: season.startsOn, endsOn: season.endsOn }, org.timeZone);
    fetch(`/${org.slug}/admin/calendar/events?from=${from.toISOString()}&to=${to.toISOString()}`)
      .then((r) => r.json())
      .then((body: { bookings?: BookingView[] }) => setLiveBookings(body.bookings ?? []))
      .catch(() => undefined);
  }, [org.slug, org.timeZone, season.startsOn, season.endsOn, reloads]);
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
  const severityById = useMemo(() => {
    const byId = new Map<string, 'hard' | 'soft'>();
    for (const p of problems)
      for (const id of [p.item.id, p.with?.kind !== 'booking' ? p.with?.id : undefined])
        if (id && byId.get(id) !== 'hard') byId.set(id, p.severity);
    return byId;
  }, [problems]);
  // Trouble and repairs are written like everything else on the board: in the organization's zone and voice.
  const timeWords = useMemo(() => timeWordsOf(time), [time]);
  const describe = useCallback(
    (problem: Problem) =>
      describeReason(
        explainProblem(problem, { draft: snapshot, resources: resourceFacts, timeZone: org.timeZone }),
        timeWords,
      ),
    [snapshot, resourceFacts, org.timeZone, timeWords],
  );
  // Each item's trouble in words, worked out when first asked and kept until the problems change.
  const troubleOf = useMemo(() => {
    const byItem = problemsByItem(problems);
    const words = new Map<string, string[]>();
    return (id: string) => {
      let said = words.get(id);
      if (!said) {
        said = (byItem.get(id) ?? []).map(describe);
        words.set(id, said);
      }
      return said;
    };
  }, [problems, describe]);

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
      board.drag(null);
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
  // A drag that ends anywhere (dropped, or let go outside the calendar) is over for the co-editors too.
  useEffect(() => {
    const over = () => board.drag(null);
    window.addEventListener('pointerup', over);
    return () => window.removeEventListener('pointerup', over);
  }, [board.drag]);

  /** A block drawn on the board, waiting for its name. */
  const [newBlock, setNewBlock] = useState<{ resourceId: string; startsAt: string; endsAt: string } | null>(null);
  const place = (slot: SlotInfo) => {
    const fields = {
      resourceId: String(slot.resourceId ?? calendarRoom.roomId ?? resources[0]?.id),
      startsAt: slot.start.toISOString(),
      endsAt: slot.end.toISOString(),
    };
    if (placing === BLOCK) return setNewBlock(fields);
    const id = crypto.randomUUID();
    board.edit((maps) => maps.sessions.set(id, toYMap({ id, ...fields, workshopKey: placing })));
  };
  const addBlock = (title: string) => {
    if (!newBlock) return;
    const id = crypto.randomUUID();
    board.edit((maps) => maps.blocks.set(id, toYMap({ id, ...newBlock, title })));
    setNewBlock(null);
  };

  const addWorkshop = ({ title, capacity, isPublic }: { title: string; capacity: number; isPublic: boolean }) => {
    const key = newWorkshopKey(title);
    board.edit((maps) => maps.workshops.set(key, toYMap({ key, title, capacity, tags: [], isPublic })));
    setPlacing(key);
  };
  const changeWorkshop = (key: string, change: WorkshopChange) =>
    board.edit((maps) => {
      const card = maps.workshops.get(key);
      for (const [field, value] of Object.entries(change)) if (value !== undefined) card?.set(field, value);
    });
  /** What a step did, in a toast that can take it back (one at a time: a newer step's replaces it). */
  const sayUndoable = (words: string) =>
    toast.info(words, {
      id: UNDO_TOAST,
      duration: UNDO_TOAST_MS,
      action: { label: 'Undo', onClick: () => board.undoManager.undo() },
    });
  /** A card goes with its sessions, as one step that Undo brings back whole. */
  const deleteWorkshop = (key: string) => {
    const title = snapshot.workshops[key]?.title ?? key;
    const sessionIds = Object.values(snapshot.sessions)
      .filter((s) => s.workshopKey === key)
      .map((s) => s.id);
    board.undoManager.stopCapturing();
    board.edit((maps) => {
      maps.workshops.delete(key);
      for (const id of sessionIds) maps.sessions.delete(id);
    });
    board.undoManager.stopCapturing();
    if (placing === key) setPlacing(BLOCK);
    if (describing === key) setDescribing(null);
    if (selected && sessionIds.includes(selected)) setSelected(null);
    sayUndoable(`Deleted “${title}” and its ${sessionIds.length} session${sessionIds.length === 1 ? '' : 's'}.`);
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

  // Repairs stay inside the season, on rooms of the same type, clear of the draft and of live bookings.
  const repairContext = useMemo(
    () => ({
      resources: resourceFacts,
      existing: elsewhere,
      within: seasonSpan({ startsOn: season.startsOn, endsOn: season.endsOn }, org.timeZone),
    }),
    [resourceFacts, elsewhere, season.startsOn, season.endsOn, org.timeZone],
  );
  const suggestions = useMemo(
    () => (selected && severityById.has(selected) ? suggestRepairs(drawable, repairContext, selected) : undefined),
    [selected, severityById, drawable, repairContext],
  );
  const [fixAllPlan, setFixAllPlan] = useState<FixAllPlan | null>(null);
  /** Moves applied as one change co-editors receive at once, undone as one step by this user's Undo. */
  const applyRepair = (moves: SlotMove[], words: string) => {
    const result = applyMoves(board.doc, moves, { origin: LOCAL_ORIGIN, undoManager: board.undoManager });
    if (result.applied) sayUndoable(words);
    else toast.info('Someone moved it meanwhile: nothing was changed. Look at the fixes again.', { id: UNDO_TOAST });
  };
  const applySuggestion = (suggestion: Suggestion) =>
    applyRepair(suggestion.moves, `Moved ${suggestion.moves.map((m) => `“${m.title}”`).join(' and ')}.`);

  const selectedSession = selected ? snapshot.sessions[selected] : undefined;
  const selectedBlock = selected && !selectedSession ? snapshot.blocks[selected] : undefined;
  const changeItem = useCallback(
    (change: ItemChange) =>
      selected &&
      board.edit((maps) => {
        const item = maps.sessions.get(selected) ?? maps.blocks.get(selected);
        for (const [field, value] of Object.entries(change)) {
          if (value === null) item?.delete(field);
          else if (value !== undefined) item?.set(field, value);
        }
      }),
    [board, selected],
  );
  const itemActions = useMemo(
    () => ({
      nudge(minutes: number) {
        const item = selected ? (snapshot.sessions[selected] ?? snapshot.blocks[selected]) : undefined;
        if (!item) return;
        const shift = (iso: string) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
        changeItem({ startsAt: shift(item.startsAt), endsAt: shift(item.endsAt) });
      },
      remove() {
        if (!selected) return;
        board.edit((maps) =>
          maps.sessions.has(selected) ? maps.sessions.delete(selected) : maps.blocks.delete(selected),
        );
        setSelected(null);
      },
      close: () => setSelected(null),
    }),
    [selected, snapshot, changeItem, board, setSelected],
  );
  useItemKeys(selected, itemActions);
  const duplicate = () => {
    const item = selectedSession ?? selectedBlock;
    if (!selected || !item) return;
    const id = crypto.randomUUID();
    const later = (iso: string) => new Date(new Date(iso).getTime() + WEEK_MS).toISOString();
    const copy = { ...item, id, startsAt: later(item.startsAt), endsAt: later(item.endsAt) };
    board.edit((maps) => (selectedSession ? maps.sessions : maps.blocks).set(id, toYMap(copy)));
  };

  /** Shows an item: its week (or day) and room in the calendar, scrolled to it. */
  const reveal = (id: string, inView: View = view) => {
    if (inView === TIMELINE) {
      // After a change of view the timeline mounts first.
      requestAnimationFrame(() => timeline.current?.scrollToItem(id));
      return;
    }
    const item = snapshot.sessions[id] ?? snapshot.blocks[id];
    if (item) {
      setDate(new Date(item.startsAt));
      calendarRoom.show(item.resourceId);
    }
    scrollItemIntoView(id);
  };
  const showItem = (id: string) => {
    setSelected(id);
    reveal(id);
  };
  const follow = (person: Presence) => {
    const theirView = (person.viewing?.view as View | undefined) ?? view;
    if (person.viewing) {
      setView(theirView);
      setDate(new Date(person.viewing.date));
      if (person.viewing.room) calendarRoom.show(person.viewing.room);
    }
    const looking = person.dragging ?? person.selected;
    if (looking) reveal(looking, theirView);
  };

  const closePublish = useCallback(() => {
    setPublishing(false);
    setReloads((n) => n + 1);
  }, []);
  const selectedEvent = useMemo(() => events.find((e) => e.id === selected), [events, selected]);
  // The calendar shows one room at a time: a column per room and day did not fit a week.
  const calendarEvents = useMemo(
    () => events.filter((e) => e.resourceId === calendarRoom.roomId),
    [events, calendarRoom.roomId],
  );
  const roomChoice: CalendarRoomChoice = useMemo(
    () => ({ rooms: resources, roomId: calendarRoom.roomId, onRoomChange: calendarRoom.choose }),
    [resources, calendarRoom.roomId, calendarRoom.choose],
  );
  const itemPresence = useMemo(() => {
    const byItem = new Map<string, Presence[]>();
    for (const p of board.presence) {
      if (p.clientId === board.myClientId) continue;
      for (const id of new Set([p.selected, p.dragging])) if (id) byItem.set(id, [...(byItem.get(id) ?? []), p]);
    }
    return byItem;
  }, [board.presence, board.myClientId]);
  /** A session wears its workshop's colour on the timeline and the calendar alike. */
  const workshopColour = useCallback(
    (e: BoardEvent) =>
      e.kind === 'session' ? drawable.workshops[drawable.sessions[e.id]?.workshopKey]?.color : undefined,
    [drawable],
  );
  const timelineItems: SeasonTimelineItem[] = useMemo(
    () =>
      events.map((e) => ({
        ...e,
        roomId: e.resourceId,
        problem: severityById.get(e.id) ?? null,
        colour: workshopColour(e),
      })),
    [events, severityById, workshopColour],
  );
  const timelinePresence: ItemPresence = useMemo(
    () =>
      new Map(
        [...itemPresence].map(([id, people]) => [
          id,
          people.map((p) => ({ name: p.name, colour: p.color, moving: p.dragging === id })),
        ]),
      ),
    [itemPresence],
  );
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
    if (id === selected) setSelected(null);
  };
  const timelineProps = {
    items: timelineItems,
    rooms: resources,
    time,
    firstDay: season.startsOn,
    lastDay: season.endsOn,
    selectedId: selected,
    onSelect: setSelected,
    onMove: moveItem,
    problemText: (id: string) => troubleOf(id).join('; '),
    presence: timelinePresence,
  };
  const hoverLines = hovered
    ? [
        ...troubleOf(hovered.id),
        ...(itemPresence.get(hovered.id) ?? []).map((p) => `${p.name} ${p.dragging ? 'is moving' : 'has'} this`),
      ]
    : [];
  const panelItem = selectedSession
    ? { ...selectedSession, kind: 'session' as const }
    : selectedBlock
      ? { ...selectedBlock, kind: 'block' as const }
      : undefined;

  return (
    <div className="season-board">
      {!board.online ? (
        <p className="notice offline-banner" role="status">
          Offline — keep editing: your changes are kept in this browser and merge when the connection returns.
        </p>
      ) : null}
      <div className="board-bar">
        {/* On a phone the agenda lists who is here itself. */}
        {phone ? null : (
          <PresenceBar
            presence={board.presence}
            me={{ clientId: board.myClientId, userId: user.id, name: user.name, color: board.color }}
            onFollow={follow}
          />
        )}
        <div className="board-bar-actions">
          <button type="button" className="secondary" onClick={() => board.undoManager.undo()}>
            Undo
          </button>
          <button type="button" className="secondary" onClick={() => board.undoManager.redo()}>
            Redo
          </button>
          {/* A phone has no drag-select: the agenda moves and cancels, it does not create. */}
          <label className="placing" hidden={phone}>
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
      </div>
      <PublishReportBanner report={board.lastPublish as SharedPublishReport | undefined} orgSlug={org.slug} />
      {phone ? (
        <div className="board-phone">
          <SeasonAgenda
            {...timelineProps}
            onRemove={removeItem}
            people={[...new Map(board.presence.map((p) => [p.userId, { name: p.name, colour: p.color }])).values()]}
          />
          <TroubleList problems={problems} selected={selected} describe={describe} onShow={setSelected} />
        </div>
      ) : wide ? (
        <div className="board-layout">
          <WorkshopCards
            snapshot={snapshot}
            placing={placing}
            block={BLOCK}
            rooms={resources}
            timeZone={org.timeZone}
            onPlace={setPlacing}
            onAdd={addWorkshop}
            onChange={changeWorkshop}
            onDescribe={setDescribing}
            onDelete={deleteWorkshop}
            onSeries={(resourceId, sessions) =>
              board.edit((maps) => {
                for (const session of sessions) {
                  const id = crypto.randomUUID();
                  maps.sessions.set(id, toYMap({ id, workshopKey: placing, resourceId, ...session }));
                }
              })
            }
            onImport={importCsv}
          >
            {describing && board.provider && snapshot.workshops[describing] ? (
              <Suspense fallback={<p className="muted">Opening the description…</p>}>
                <DescriptionEditor
                  doc={board.doc}
                  provider={board.provider}
                  workshopKey={describing}
                  workshopTitle={snapshot.workshops[describing].title}
                  user={{ id: user.id, name: user.name, color: board.color }}
                  onClose={() => setDescribing(null)}
                />
              </Suspense>
            ) : null}
          </WorkshopCards>
          <div className="board-main" {...hoverHandlers}>
            {view === TIMELINE ? (
              <SeasonTimeline
                ref={timeline}
                {...timelineProps}
                onResize={(id, start, end) =>
                  moveItem(id, events.find((e) => e.id === id)?.resourceId ?? '', start, end)
                }
                onCreate={(resourceId, start, end) => place({ resourceId, start, end } as SlotInfo)}
                onDuplicate={duplicateTo}
                onDragStart={board.drag}
                onDragEnd={() => board.drag(null)}
                toolbarStart={
                  <button type="button" className="secondary" onClick={() => setView('week')}>
                    Calendar
                  </button>
                }
              />
            ) : (
              <ItemPresenceContext.Provider value={itemPresence}>
                <CalendarRoomContext.Provider value={roomChoice}>
                  {/* Named as the timeline is: its room chooser is one of several "Room" fields on the page. */}
                  <section aria-label="Season calendar">
                    <DragAndDropCalendar
                      localizer={localizer}
                      formats={formats}
                      events={calendarEvents}
                      view={view}
                      views={VIEWS}
                      messages={VIEW_NAMES}
                      components={COMPONENTS}
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
                        if (e.kind !== 'booking') setSelected(e.id);
                      }}
                      onDragStart={({ event }) => board.drag(event.id)}
                      onEventDrop={move}
                      onEventResize={move}
                      eventPropGetter={(e) => {
                        const severity = severityById.get(e.id);
                        const classes = [`draft-${e.kind}`];
                        if (severity) classes.push(`problem-${severity}`);
                        const other = itemPresence.get(e.id)?.[0];
                        const colour = workshopColour(e);
                        return {
                          className: classes.join(' '),
                          style: {
                            ...(colour && !severity ? { background: colour, borderColor: colour } : {}),
                            ...(other ? { outline: `3px solid ${other.color}`, outlineOffset: 1 } : {}),
                          },
                        };
                      }}
                      scrollToTime={DateTime.fromJSDate(date).set({ hour: 8 }).toJSDate()}
                      style={{ height: 'calc(100vh - 12rem)', minHeight: '32rem' }}
                    />
                  </section>
                </CalendarRoomContext.Provider>
              </ItemPresenceContext.Provider>
            )}
          </div>
          <div className="board-side">
            {panelItem ? (
              <SessionPanel
                key={panelItem.id}
                item={panelItem}
                workshops={Object.values(snapshot.workshops)}
                rooms={resources}
                timeZone={org.timeZone}
                trouble={troubleOf(panelItem.id)}
                onChange={changeItem}
                onDuplicate={duplicate}
                onRemove={itemActions.remove}
                onClose={itemActions.close}
              >
                <Suggestions
                  found={suggestions}
                  resources={resourceFacts}
                  words={timeWords}
                  onApply={applySuggestion}
                />
              </SessionPanel>
            ) : null}
            <TroubleList
              problems={problems}
              selected={selected}
              describe={describe}
              onShow={showItem}
              fixAll={
                <button
                  type="button"
                  className="secondary fix-all"
                  onClick={() => setFixAllPlan(planFixAll(drawable, repairContext))}
                >
                  Fix all…
                </button>
              }
            />
          </div>
        </div>
      ) : (
        <div className="board-layout" />
      )}
      <ItemTooltip hovered={hovered} lines={hoverLines} />
      {newBlock ? (
        <NewBlockDialog
          where={`${resources.find((r) => r.id === newBlock.resourceId)?.title ?? 'A room'}, ${time.shortRange(newBlock.startsAt, newBlock.endsAt)}`}
          onCreate={addBlock}
          onClose={() => setNewBlock(null)}
        />
      ) : null}
      {fixAllPlan ? (
        <FixAllDialog
          plan={fixAllPlan}
          resources={resourceFacts}
          onApply={() => {
            applyRepair(fixAllPlan.moves, `Moved ${fixAllPlan.moves.length} items to fix the conflicts.`);
            setFixAllPlan(null);
          }}
          onClose={() => setFixAllPlan(null)}
        />
      ) : null}
      {publishing ? (
        <PublishDialog
          orgSlug={org.slug}
          seasonId={season.id}
          resources={resourceFacts}
          describe={describe}
          onShow={(id) => {
            setPublishing(false);
            showItem(id);
          }}
          onClose={closePublish}
        />
      ) : null}
    </div>
  );
}
