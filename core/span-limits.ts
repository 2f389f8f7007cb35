/**
 * How long a span (a booking, a session) and how wide a query window may be, in days. Anything
 * longer is refused before any work is done, so one request cannot walk decades of calendar
 * (ADR 024). The defaults apply until the web process sets the configured ones (app/span-limits.server.ts).
 */
export interface SpanLimits {
  /** A booking, a resident's equipment request, a studio visit. */
  bookingDays: number;
  /** A workshop session, a draft session or block. */
  sessionDays: number;
  /** A calendar, list or feed window. */
  queryDays: number;
}

export const DEFAULT_SPAN_LIMITS: SpanLimits = { bookingDays: 31, sessionDays: 14, queryDays: 366 };

// Kept on globalThis: the Remix build bundles its own copy of this module, and both copies must see
// the limits the web process sets.
const KEY = Symbol.for('infra24.spanLimits');
const holder = globalThis as typeof globalThis & { [KEY]?: SpanLimits };

export function setSpanLimits(limits: SpanLimits): void {
  holder[KEY] = { ...limits };
}

export function spanLimits(): SpanLimits {
  return holder[KEY] ?? DEFAULT_SPAN_LIMITS;
}

const DAY_MS = 86_400_000;

/** Instants outside these years are typos or probes, never plans; refusing them keeps date math cheap. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

export function isPlausibleInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

export const implausibleInstantMessage = `must be a date between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** The message for a span longer than its kind allows, or undefined when it fits. */
export function spanTooLong(
  start: Date,
  end: Date,
  kind: keyof SpanLimits,
  startField = 'startsAt',
): string | undefined {
  const maxDays = spanLimits()[kind];
  if (end.getTime() - start.getTime() <= maxDays * DAY_MS) return undefined;
  return `must be at most ${maxDays} days after ${startField}`;
}
