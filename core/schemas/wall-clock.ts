import { DateTime } from 'luxon';
import { z } from 'zod';
import { implausibleInstantMessage, isPlausibleInstant, type SpanLimits, spanTooLong } from '../span-limits';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Wall-clock "2030-01-07T18:00" in `zone` → the instant. Times that do not exist (DST gap) are refused. */
export function instantFromLocal(local: string, zone: string): Date | undefined {
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid || time.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return undefined;
  return time.toJSDate();
}

/** The instant as the clocks of `zone` show it, "2030-01-07T18:00": the value a `datetime-local` input takes. */
export function localFromInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * A `datetime-local` field as staff fill it in, a time on the clocks of `zone`, read as the instant it
 * names. An hour the clocks skip in spring is refused beside the field rather than moved.
 */
export function wallClockInstant(zone: string) {
  return z
    .string({ error: 'is required' })
    .regex(LOCAL_DATE_TIME, 'must be a date and time')
    .transform((local, ctx) => {
      const instant = instantFromLocal(local, zone);
      if (instant && isPlausibleInstant(instant)) return instant;
      ctx.addIssue({
        code: 'custom',
        message: instant ? implausibleInstantMessage : `does not exist in ${zone} (the clocks skip it)`,
        input: local,
      });
      return z.NEVER;
    });
}

const bothEnds = (span: unknown): span is { startsAt: Date; endsAt: Date } => {
  const { startsAt, endsAt } = (span ?? {}) as { startsAt?: unknown; endsAt?: unknown };
  return startsAt instanceof Date && endsAt instanceof Date;
};

/**
 * For the form holding both ends, as `.superRefine(...wallClockSpan(kind))`: the end after the start,
 * the span no longer than its kind allows. It runs whenever both ends were read, even when another
 * field is wrong, so every mistake shows at once.
 */
export function wallClockSpan(kind: keyof SpanLimits) {
  const check = (span: object, ctx: z.core.$RefinementCtx) => {
    if (!bothEnds(span)) return;
    const { startsAt, endsAt } = span;
    const problem = endsAt <= startsAt ? 'must be after the start' : spanTooLong(startsAt, endsAt, kind, 'the start');
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'], input: endsAt });
  };
  return [check, { when: (payload: { value: unknown }) => bothEnds(payload.value) }] as const;
}
