import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import { DateTime } from 'luxon';
import { isAppError } from '../core/errors';
import type { TimeFormatter } from '../core/time-format';
import { HTTP_STATUS } from './http-status';

/** What a refusal needs of a Conform submission: its reply, to put the errors back on the form. */
interface Replying {
  reply(options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

/**
 * A refused booking request as the form shows it: the field that is wrong, and for a clash the
 * time that is taken (never whose booking it is: residents see only their own). With a submission,
 * `result` puts each error beside its field of `shownFields`; anything else goes in the form's summary.
 */
export function requestRefused(
  error: unknown,
  time: TimeFormatter,
  form?: { resourceId?: string; submission?: Replying; shownFields?: string[] },
) {
  if (!isAppError(error)) throw error;
  const taken = error.conflicts?.map((c) => time.longRange(c.startsAt, c.endsAt));
  const message = taken?.length
    ? `That time is taken: it is already booked ${taken.join('; ')}. Pick a free time from the list.`
    : error.message.replace(/^\w+: /, '');
  const fields = error.fields ?? (taken?.length ? { startsAt: [`is already booked ${taken.join('; ')}`] } : {});
  const beside = Object.fromEntries(Object.entries(fields).filter(([name]) => form?.shownFields?.includes(name)));
  const result = form?.submission?.reply({
    fieldErrors: beside,
    formErrors: Object.keys(beside).length ? [] : [message],
  });
  return data(
    { ok: false as const, error: message, fields, resourceId: form?.resourceId, result },
    { status: HTTP_STATUS[error.code] },
  );
}

/** The week a booking page shows: seven local days from `start` (YYYY-MM-DD), from today by default, never before today. */
export function weekWindow(start: string | null, time: TimeFormatter, now: Date) {
  const { timeZone } = time;
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const requested =
    start && /^\d{4}-\d{2}-\d{2}$/.test(start) ? DateTime.fromISO(start, { zone: timeZone }) : undefined;
  const from = requested?.isValid ? requested.startOf('day') : today;
  const to = from.plus({ days: 7 });
  return {
    from: from.toJSDate(),
    to: to.toJSDate(),
    label: time.calendarDateRange(from.toISODate()!, to.minus({ days: 1 }).toISODate()!),
    previous:
      from.minus({ days: 7 }) < today
        ? from > today
          ? today.toISODate()!
          : null
        : from.minus({ days: 7 }).toISODate()!,
    next: to.toISODate()!,
  };
}
