import { DateTime, Settings } from 'luxon';
import { Plus } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Calendar, luxonLocalizer, type SlotInfo, type View } from 'react-big-calendar';
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import { isWithinAvailability } from '../../core/availability';
import { namedConflicts } from '../../core/booking-conflicts';
import type { TimeFormatter } from '../../core/time-format';
import { BookingDialog, type NewBookingDraft } from './booking-dialog';
import { useCalendarA11y } from './calendar-a11y';
import { calendarFormats } from './calendar-formats';
import type { BookingView } from '../../db/operations/bookings/booking-records';
import {
  toCalendarEvent,
  type CalendarActionResult,
  type CalendarEvent,
  type CalendarResource,
} from './calendar-types';
import { Notice } from './notice';
import { useTimeFormat } from './time-format';
import { Badge } from './ui/badge';
import { Button } from './ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from './ui/dialog';
import { Input } from './ui/input';
import { Label } from './ui/label';
import { NativeSelect } from './ui/native-select';
import { useBookingChanges } from './use-booking-changes';

const DragAndDropCalendar = withDragAndDrop<CalendarEvent, CalendarResource>(Calendar);
const SLOT_MINUTES = 30;
const NARROW_SCREEN = '(max-width: 700px)';

interface Props {
  orgSlug: string;
  timeZone: string;
  resources: CalendarResource[];
  initialDate: string;
}

function visibleRange(date: Date, view: View): { from: Date; to: Date } {
  const day = DateTime.fromJSDate(date).startOf('day');
  if (view === 'day') return { from: day.toJSDate(), to: day.plus({ days: 1 }).toJSDate() };
  if (view === 'agenda') return { from: day.toJSDate(), to: day.plus({ days: 30 }).toJSDate() };
  const monday = day.startOf('week');
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}

/** A refusal in the venue's time: the conflicts by title and hours rather than UTC instants. */
function describeRefusal(result: CalendarActionResult, time: TimeFormatter): string {
  if (!result.conflicts?.length) return result.error ?? 'The change was refused.';
  return `The resource is already booked at that time by ${namedConflicts(result.conflicts, time)}.`;
}

/** The staff calendar: resources as columns, drag to create, move and resize; the server has the last word. */
export default function ResourceCalendar({ orgSlug, timeZone, resources, initialDate }: Props) {
  // The venue's zone, not the browser's: a booking at 18:00 in Miami shows at 18:00 wherever staff are.
  Settings.defaultZone = timeZone;
  const localizer = useMemo(() => luxonLocalizer(DateTime, { firstDayOfWeek: 1 }), []);
  const time = useTimeFormat();
  const formats = useMemo(() => calendarFormats(time), [time]);
  // Day view by default: one column per resource is what a scheduler scans; week is one click away.
  const [view, setView] = useState<View>(() => (window.matchMedia(NARROW_SCREEN).matches ? 'agenda' : 'day'));
  const [date, setDate] = useState(() => new Date(initialDate));
  const [typeFilter, setTypeFilter] = useState('');
  const [events, setEvents] = useState<CalendarEvent[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const [draft, setDraft] = useState<NewBookingDraft>();
  const [selected, setSelected] = useState<CalendarEvent>();
  const [reloadCount, setReloadCount] = useState(0);
  const board = useRef<HTMLDivElement>(null);
  const newBookingButton = useRef<HTMLButtonElement>(null);
  // Where focus goes back when a dialog closes (Radix returns it only to a DialogTrigger).
  const opener = useRef<HTMLElement | null>(null);
  useCalendarA11y(board);
  // A booking made elsewhere (another person, the API, a publish) shows up without a reload.
  useBookingChanges(orgSlug, () => setReloadCount((n) => n + 1));

  const shownResources = useMemo(
    () => resources.filter((r) => !typeFilter || r.type === typeFilter),
    [resources, typeFilter],
  );
  const rulesById = useMemo(() => new Map(resources.map((r) => [r.id, r])), [resources]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadCount changes when a booking changed elsewhere, to fetch again
  useEffect(() => {
    const { from, to } = visibleRange(date, view);
    const controller = new AbortController();
    fetch(`/${orgSlug}/admin/calendar/events?from=${from.toISOString()}&to=${to.toISOString()}`, {
      signal: controller.signal,
    })
      .then((response) => response.json())
      .then((body: { bookings: Parameters<typeof toCalendarEvent>[0][] }) =>
        setEvents(body.bookings.map(toCalendarEvent)),
      )
      .catch((error) => {
        if (error.name !== 'AbortError') setMessage({ kind: 'error', text: 'Could not load bookings; try again.' });
      });
    return () => controller.abort();
  }, [orgSlug, date, view, reloadCount]);

  const act = useCallback(
    async (body: object): Promise<CalendarActionResult> => {
      const response = await fetch(`/${orgSlug}/admin/calendar/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return response.json();
    },
    [orgSlug],
  );

  const moveEvent = useCallback(
    async ({ event, start, end, resourceId }: EventInteractionArgs<CalendarEvent>) => {
      const moved = {
        ...event,
        start: new Date(start),
        end: new Date(end),
        resourceId: String(resourceId ?? event.resourceId),
      };
      setEvents((current) => current.map((e) => (e.id === event.id ? moved : e)));
      const result = await act({
        intent: 'move',
        id: event.id,
        changes: { resourceId: moved.resourceId, startsAt: moved.start.toISOString(), endsAt: moved.end.toISOString() },
      });
      if (result.ok && result.booking) {
        setEvents((current) => current.map((e) => (e.id === event.id ? toCalendarEvent(result.booking!) : e)));
        setMessage({ kind: 'ok', text: `Moved "${event.title}".` });
      } else {
        // Snap back: the server refused, so the event returns to where it was.
        setEvents((current) => current.map((e) => (e.id === event.id ? event : e)));
        setMessage({ kind: 'error', text: describeRefusal(result, time) });
      }
    },
    [act, time],
  );

  const booked = useCallback((booking: BookingView) => {
    setEvents((current) => [...current, toCalendarEvent(booking)]);
    setDraft(undefined);
    setMessage({ kind: 'ok', text: `Booked "${booking.title}".` });
  }, []);

  const transition = async (intent: 'approve' | 'decline' | 'cancel', event: CalendarEvent) => {
    const result = await act({ intent, id: event.id });
    setSelected(undefined);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error ?? `Could not ${intent}.` });
    setMessage({
      kind: 'ok',
      text: `${intent === 'approve' ? 'Approved' : intent === 'decline' ? 'Declined' : 'Cancelled'} "${event.title}".`,
    });
    setReloadCount((n) => n + 1);
  };

  const slotPropGetter = useCallback(
    (slot: Date, resourceId?: string | number) => {
      const resource = resourceId === undefined ? undefined : rulesById.get(String(resourceId));
      if (!resource) return {};
      const end = new Date(slot.getTime() + SLOT_MINUTES * 60_000);
      return isWithinAvailability(resource.availabilityRules, resource.timeZone, slot, end)
        ? {}
        : { className: 'slot-closed' };
    },
    [rulesById],
  );

  /**
   * What a dialog opened from the calendar gives focus back to: the control that had it (a booking),
   * or, when the pointer opened it without focusing anything (a dragged slot), the calendar's hours.
   */
  const rememberOpener = (fallback: HTMLElement | null) => {
    const active = document.activeElement;
    opener.current =
      active instanceof HTMLElement && active !== document.body && board.current?.contains(active)
        ? active
        : (fallback ?? board.current?.querySelector<HTMLElement>('.rbc-time-content, .rbc-agenda-content') ?? null);
  };
  const focusOpener = () => {
    const target = opener.current?.isConnected
      ? opener.current
      : board.current?.querySelector<HTMLElement>('.rbc-time-content, .rbc-agenda-content');
    target?.focus();
    return Boolean(target);
  };

  // Creating without a mouse: the next free-looking half hour of the shown day, in the first column.
  const newBookingFromKeyboard = () => {
    const start = DateTime.fromJSDate(date).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    // Back to this button, even where a click does not focus it (Safari).
    opener.current = newBookingButton.current;
    setDraft({ resourceId: String(shownResources[0]?.id ?? ''), start, end: new Date(start.getTime() + 3_600_000) });
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="calendar-type">Resource type</Label>
          <NativeSelect id="calendar-type" value={typeFilter} onChange={(e) => setTypeFilter(e.target.value)}>
            <option value="">All</option>
            <option value="space">Spaces</option>
            <option value="equipment">Equipment</option>
            <option value="person">People</option>
            <option value="other">Other</option>
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="calendar-date">Go to</Label>
          <Input
            id="calendar-date"
            type="date"
            value={DateTime.fromJSDate(date).toISODate() ?? ''}
            onChange={(e) => e.target.value && setDate(DateTime.fromISO(e.target.value).toJSDate())}
          />
        </div>
        <Button ref={newBookingButton} onClick={newBookingFromKeyboard} disabled={!shownResources.length}>
          <Plus aria-hidden /> New booking
        </Button>
        <p className="flex flex-wrap items-center gap-1.5 text-xs text-muted sm:ml-auto">
          <span>Key:</span>
          <Badge tone="success">confirmed</Badge> <Badge tone="warning">pending</Badge> <Badge>closed hours</Badge>
        </p>
      </div>
      {message ? (
        <Notice
          tone={message.kind === 'error' ? 'danger' : 'success'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          className="calendar-message"
        >
          {message.text}
        </Notice>
      ) : null}
      <div ref={board} className="overflow-x-auto rounded-lg border border-line bg-surface p-2">
        <div className={view === 'agenda' ? undefined : 'min-w-[40rem]'}>
          <DragAndDropCalendar
            localizer={localizer}
            formats={formats}
            events={events}
            resources={shownResources}
            resourceIdAccessor="id"
            resourceTitleAccessor="title"
            view={view}
            views={['day', 'week', 'agenda']}
            onView={setView}
            date={date}
            onNavigate={setDate}
            step={SLOT_MINUTES}
            timeslots={2}
            selectable
            resizable
            onSelectSlot={(slot: SlotInfo) => {
              rememberOpener(null);
              setDraft({
                resourceId: String(slot.resourceId ?? shownResources[0]?.id),
                start: slot.start,
                end: slot.end,
              });
            }}
            onSelectEvent={(event) => {
              rememberOpener(null);
              setSelected(event);
            }}
            // A booking is a button in the tab order: Enter or Space opens it, as a click does.
            onKeyPressEvent={(event, e) => {
              const keyboard = e as unknown as { key: string; preventDefault(): void };
              if (keyboard.key !== 'Enter' && keyboard.key !== ' ') return;
              // The key is spent here: left to go on, Enter would press the dialog's button it opens on.
              keyboard.preventDefault();
              rememberOpener(null);
              setSelected(event);
            }}
            onEventDrop={moveEvent}
            onEventResize={moveEvent}
            eventPropGetter={(event) => ({
              className: `booking-${event.status}${event.pendingReason === 'hold' ? ' booking-hold' : ''}`,
            })}
            slotPropGetter={slotPropGetter}
            scrollToTime={DateTime.fromJSDate(date).set({ hour: 8 }).toJSDate()}
            style={{ height: '75vh' }}
          />
        </div>
      </div>
      {draft ? (
        <BookingDialog
          draft={draft}
          resources={shownResources}
          timeZone={timeZone}
          action={`/${orgSlug}/admin/calendar`}
          onBooked={booked}
          onClose={() => setDraft(undefined)}
          returnFocus={focusOpener}
        />
      ) : null}
      <Dialog open={Boolean(selected)} onOpenChange={(open) => (open ? null : setSelected(undefined))}>
        {selected ? (
          <DialogContent
            onCloseAutoFocus={(event) => {
              // The booking may be gone (cancelled): then the calendar's hours take focus.
              if (focusOpener()) event.preventDefault();
            }}
          >
            <DialogHeader>
              <DialogTitle>{selected.title}</DialogTitle>
              <DialogDescription className="flex flex-wrap items-center gap-2">
                {rulesById.get(selected.resourceId)?.title} · {time.range(selected.start, selected.end)}
                <Badge
                  tone={
                    selected.status === 'confirmed' ? 'success' : selected.status === 'pending' ? 'warning' : 'danger'
                  }
                >
                  {selected.pendingReason === 'hold' ? 'hold' : selected.status}
                </Badge>
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <Button variant="secondary" onClick={() => setSelected(undefined)}>
                Close
              </Button>
              {selected.status === 'pending' ? (
                <Button variant="secondary" onClick={() => transition('decline', selected)}>
                  Decline
                </Button>
              ) : null}
              <Button variant="danger" onClick={() => transition('cancel', selected)}>
                Cancel booking
              </Button>
              {selected.status === 'pending' && selected.pendingReason === 'approval' ? (
                <Button onClick={() => transition('approve', selected)}>Approve</Button>
              ) : null}
            </DialogFooter>
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}
