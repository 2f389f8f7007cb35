import { DateTime } from 'luxon';

/**
 * Geometry of the season timeline: days run across, one row per resource. Positions come from the
 * wall clock in the organization's time zone, so 18:00 sits at the same place in every day column,
 * also on the days the clocks change (a DST day is 23 or 25 hours drawn in one day's width).
 */
export interface TimelineWindow {
  zone: string;
  /** Midnight, in `zone`, of the first day shown. */
  firstDay: DateTime;
  days: number;
  dayWidth: number;
  /** The hours each day column shows, in minutes of the wall clock: 0–1440 unless narrowed to opening hours. */
  dayStartMinute: number;
  dayEndMinute: number;
}

export interface TimelineItem {
  id: string;
  roomId: string;
  start: Date;
  end: Date;
}

export interface Bar<T extends TimelineItem> {
  item: T;
  x: number;
  width: number;
  /** Items that overlap in one row are stacked: this one's lane, out of `lanes`. */
  lane: number;
  lanes: number;
  /** Pixels from this bar's left edge to the next bar in its lane (or the row's end): room for a label beside it. */
  room: number;
}

export interface RowLayout<T extends TimelineItem> {
  /** Sorted by x. */
  bars: Bar<T>[];
  /** The widest bar: how far left of a viewport a bar that still reaches into it can start. */
  widest: number;
}

const MINUTES_PER_DAY = 24 * 60;
const MIN_BAR_WIDTH = 3;

/** The window of `days` days that starts on the Monday of the week holding `anchor`, in `zone`. */
export function timelineWindow(
  anchor: Date,
  zone: string,
  days: number,
  dayWidth: number,
  hours: { dayStartMinute: number; dayEndMinute: number } = { dayStartMinute: 0, dayEndMinute: MINUTES_PER_DAY },
): TimelineWindow {
  const firstDay = DateTime.fromJSDate(anchor, { zone }).startOf('week');
  return { zone, firstDay, days, dayWidth, ...hours };
}

const shownMinutes = (window: TimelineWindow) => window.dayEndMinute - window.dayStartMinute;

const daysOfWindows = new WeakMap<TimelineWindow, DateTime[]>();

/**
 * The window's day `index`, at its local midnight. Kept per window: the header asks for the same
 * days at every step of a sideways scroll, and each luxon `plus` in a zone left kilobytes of garbage.
 */
export function dayOfWindow(window: TimelineWindow, index: number): DateTime {
  let days = daysOfWindows.get(window);
  if (!days) {
    days = [];
    daysOfWindows.set(window, days);
  }
  days[index] ??= window.firstDay.plus({ days: index });
  return days[index];
}

export function windowDays(window: TimelineWindow): DateTime[] {
  return Array.from({ length: window.days }, (_, i) => dayOfWindow(window, i));
}

export function windowEnd(window: TimelineWindow): DateTime {
  return window.firstDay.plus({ days: window.days });
}

/** The days whose columns meet [fromX, toX] of the track, and one either side: the ones worth drawing. */
export function daysInView(window: TimelineWindow, fromX: number, toX: number): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(fromX / window.dayWidth) - 1),
    last: Math.min(window.days - 1, Math.ceil(toX / window.dayWidth) + 1),
  };
}

export function windowWidth(window: TimelineWindow): number {
  return window.days * window.dayWidth;
}

/**
 * The window's local midnights as UTC milliseconds (one more than its days) and each day's UTC
 * offset (two, and the instant between them, on a day the clocks change): an instant's wall clock is
 * then the instant plus the offset in force, with no time zone conversion. Built once per window;
 * laying out 5,000 items with a zone conversion each took over a second.
 */
interface DayOffsets {
  before: number;
  after: number;
  /** When `after` starts; never on a day with one offset. */
  change: number;
}
interface DayIndex {
  starts: number[];
  offsets: DayOffsets[];
  /** The first day's date, as whole days of the wall clock since 1970-01-01. */
  firstDate: number;
}
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const dayIndexes = new WeakMap<TimelineWindow, DayIndex>();

/** A day's offsets; where they differ, the instant of the change to the millisecond (one a day at most, as in the zone database). */
function dayOffsets(window: TimelineWindow, from: number, to: number): DayOffsets {
  const zone = window.firstDay.zone;
  const [before, after] = [zone.offset(from), zone.offset(to - 1)];
  if (before === after) return { before, after, change: Number.POSITIVE_INFINITY };
  let [low, high] = [from, to - 1];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offset(middle) === before) low = middle;
    else high = middle;
  }
  return { before, after, change: high };
}

function dayIndexOf(window: TimelineWindow): DayIndex {
  let index = dayIndexes.get(window);
  if (!index) {
    const starts = Array.from({ length: window.days + 1 }, (_, i) => window.firstDay.plus({ days: i }).toMillis());
    index = {
      starts,
      offsets: starts.slice(0, -1).map((start, i) => dayOffsets(window, start, starts[i + 1])),
      firstDate: Math.floor((starts[0] + window.firstDay.offset * MINUTE_MS) / DAY_MS),
    };
    dayIndexes.set(window, index);
  }
  return index;
}

/** Where an instant falls, in pixels from the left edge of the first day. */
export function xOfInstant(window: TimelineWindow, instant: Date): number {
  const time = instant.getTime();
  const { starts, offsets, firstDate } = dayIndexOf(window);
  if (time >= starts[0] && time < starts[starts.length - 1]) {
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= time) low = middle;
      else high = middle - 1;
    }
    const { before, after, change } = offsets[low];
    const wall = time + (time < change ? before : after) * MINUTE_MS;
    const date = Math.floor(wall / DAY_MS);
    return xOfWallClock(window, date - firstDate, (wall - date * DAY_MS) / MINUTE_MS);
  }
  const local = DateTime.fromJSDate(instant, { zone: window.zone });
  const dayIndex = Math.round(local.startOf('day').diff(window.firstDay, 'days').days);
  return xOfWallClock(
    window,
    dayIndex,
    local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000,
  );
}

function xOfWallClock(window: TimelineWindow, dayIndex: number, minutes: number): number {
  // Hours outside the shown ones collapse onto the day's edges.
  const shown = Math.min(window.dayEndMinute, Math.max(window.dayStartMinute, minutes)) - window.dayStartMinute;
  return dayIndex * window.dayWidth + (shown / shownMinutes(window)) * window.dayWidth;
}

/** The instant at a horizontal position, snapped to `snapMinutes` of the wall clock. */
export function instantAtX(window: TimelineWindow, x: number, snapMinutes = 15): Date {
  const dayIndex = Math.floor(x / window.dayWidth);
  const rawMinutes =
    window.dayStartMinute + ((x - dayIndex * window.dayWidth) / window.dayWidth) * shownMinutes(window);
  const total = dayIndex * MINUTES_PER_DAY + Math.round(rawMinutes / snapMinutes) * snapMinutes;
  const day = Math.floor(total / MINUTES_PER_DAY);
  const minutes = total - day * MINUTES_PER_DAY;
  // Calendar days, then the wall clock's hour and minute (not elapsed minutes, which a DST day would
  // shift by an hour). A time that does not exist (02:30 on the spring-forward day) moves forward.
  return window.firstDay
    .plus({ days: day })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toJSDate();
}

/** A bar dragged `dx` pixels: its new start (snapped) and end, keeping its length in real time. */
export function movedTimes(
  window: TimelineWindow,
  item: { start: Date; end: Date },
  dx: number,
  snapMinutes = 15,
): { start: Date; end: Date } {
  const start = instantAtX(window, xOfInstant(window, item.start) + dx, snapMinutes);
  return { start, end: new Date(start.getTime() + (item.end.getTime() - item.start.getTime())) };
}

/** The shortest a bar can be resized to. */
export const MIN_RESIZED_MINUTES = 15;

/**
 * A bar whose start or end edge was dragged `dx` pixels: that edge snapped to the wall clock, the
 * other kept, and never shorter than MIN_RESIZED_MINUTES.
 */
export function resizedTimes(
  window: TimelineWindow,
  item: { start: Date; end: Date },
  edge: 'start' | 'end',
  dx: number,
  snapMinutes = 15,
): { start: Date; end: Date } {
  const minimum = MIN_RESIZED_MINUTES * 60_000;
  if (edge === 'end') {
    const end = instantAtX(window, xOfInstant(window, item.end) + dx, snapMinutes);
    return {
      start: item.start,
      end: end.getTime() - item.start.getTime() < minimum ? new Date(item.start.getTime() + minimum) : end,
    };
  }
  const start = instantAtX(window, xOfInstant(window, item.start) + dx, snapMinutes);
  return {
    start: item.end.getTime() - start.getTime() < minimum ? new Date(item.end.getTime() - minimum) : start,
    end: item.end,
  };
}

/** The row under a vertical position in the rows' own coordinates (0 = top of the first row). */
export function rowAtY(y: number, rowHeight: number, rowCount: number): number {
  return Math.min(rowCount - 1, Math.max(0, Math.floor(y / rowHeight)));
}

/**
 * Stacks overlapping bars: each group of bars that overlap one another shares its lane count. Then
 * the room beside each bar for its label: up to the next bar in its lane, and never past the start
 * of the next group (whose bars may span every lane).
 */
function assignLanes<T extends TimelineItem>(bars: Bar<T>[], rowEnd: number): void {
  const groups: Bar<T>[][] = [];
  let group: Bar<T>[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    for (const bar of group) bar.lanes = laneEnds.length;
    if (group.length) groups.push(group);
    group = [];
    laneEnds = [];
  };
  for (const bar of bars) {
    if (bar.x >= groupEnd) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= bar.x);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = bar.x + bar.width;
    bar.lane = lane;
    group.push(bar);
    groupEnd = Math.max(groupEnd, bar.x + bar.width);
  }
  closeGroup();
  groups.forEach((members, index) => {
    const limit = groups[index + 1]?.[0].x ?? rowEnd;
    const nextInLane = new Map<number, number>();
    for (let i = members.length - 1; i >= 0; i--) {
      const bar = members[i];
      bar.room = (nextInLane.get(bar.lane) ?? limit) - bar.x;
      nextInLane.set(bar.lane, bar.x);
    }
  });
}

/**
 * Bars per resource for the items that touch the window, clipped to it. Items on a resource that
 * is not a row here are left out (the trouble list names them).
 */
export function layoutRows<T extends TimelineItem>(
  items: T[],
  window: TimelineWindow,
  resourceIds: Iterable<string>,
): Map<string, RowLayout<T>> {
  const rows = new Map<string, RowLayout<T>>();
  for (const id of resourceIds) rows.set(id, { bars: [], widest: 0 });
  const from = window.firstDay.toMillis();
  const to = windowEnd(window).toMillis();
  const right = windowWidth(window);
  for (const item of items) {
    const row = rows.get(item.roomId);
    if (!row || item.end.getTime() <= from || item.start.getTime() >= to) continue;
    const x = Math.max(0, xOfInstant(window, item.start));
    const end = Math.min(right, item.end.getTime() >= to ? right : xOfInstant(window, item.end));
    row.bars.push({ item, x, width: Math.max(MIN_BAR_WIDTH, end - x), lane: 0, lanes: 1, room: 0 });
  }
  for (const row of rows.values()) {
    row.bars.sort((a, b) => a.x - b.x || b.width - a.width);
    assignLanes(row.bars, right);
    row.widest = row.bars.reduce((widest, bar) => Math.max(widest, bar.width), 0);
  }
  return rows;
}

/** The bars of a row that reach into [fromX, toX): found by binary search, not by scanning the row. */
export function visibleBars<T extends TimelineItem>(row: RowLayout<T>, fromX: number, toX: number): Bar<T>[] {
  const { bars } = row;
  // First bar that starts at or after fromX - widest: no bar before it can reach fromX.
  let low = 0;
  let high = bars.length;
  const earliest = fromX - row.widest;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bars[middle].x < earliest) low = middle + 1;
    else high = middle;
  }
  const visible: Bar<T>[] = [];
  for (let i = low; i < bars.length && bars[i].x < toX; i++) {
    if (bars[i].x + bars[i].width > fromX) visible.push(bars[i]);
  }
  return visible;
}
