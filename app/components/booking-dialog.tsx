import { useState, type FormEvent } from 'react';
import { bookingCreateSchema } from '../../core/schemas/booking';
import { fieldErrors } from '../../core/validation';
import type { CalendarResource } from './calendar-types';

export interface NewBookingDraft {
  resourceId: string;
  start: Date;
  end: Date;
}

function localInput(date: Date, zone: string): string {
  // "YYYY-MM-DDTHH:MM" of the instant in the venue's zone, for a datetime-local input.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Create a booking from a drag-selected slot; validated with the API's own schema before it is sent. */
export function BookingDialog({
  draft,
  resources,
  timeZone,
  serverErrors,
  busy,
  onSubmit,
  onClose,
  toInstant,
}: {
  draft: NewBookingDraft;
  resources: CalendarResource[];
  timeZone: string;
  serverErrors?: Record<string, string[]> & { _?: string[] };
  busy: boolean;
  onSubmit: (input: Record<string, unknown>) => void;
  onClose: () => void;
  toInstant: (local: string) => string;
}) {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const shown = { ...serverErrors, ...errors };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const override = String(data.get('availabilityOverrideReason') ?? '').trim();
    const input = {
      resourceId: String(data.get('resourceId')),
      title: String(data.get('title') ?? ''),
      startsAt: toInstant(String(data.get('start'))),
      endsAt: toInstant(String(data.get('end'))),
      status: String(data.get('status')),
      ...(override ? { availabilityOverrideReason: override } : {}),
    };
    const result = bookingCreateSchema.safeParse(input);
    if (!result.success) return setErrors(fieldErrors(result.error));
    setErrors({});
    onSubmit(result.data);
  };
  const error = (field: string) =>
    shown[field] ? (
      <p className="error" role="alert">
        {shown[field].join('; ')}
      </p>
    ) : null;
  return (
    <div className="dialog" role="dialog" aria-labelledby="new-booking-title">
      <form onSubmit={submit} noValidate>
        <h2 id="new-booking-title">New booking</h2>
        <div className="field">
          <label htmlFor="booking-title">Title</label>
          {/* biome-ignore lint/a11y/noAutofocus: the dialog opens because someone is about to type its title */}
          <input id="booking-title" name="title" autoFocus />
          {error('title')}
        </div>
        <div className="field">
          <label htmlFor="booking-resource">Resource</label>
          <select id="booking-resource" name="resourceId" defaultValue={draft.resourceId}>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
          {error('resourceId')}
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="booking-start">Starts ({timeZone})</label>
            <input
              id="booking-start"
              name="start"
              type="datetime-local"
              defaultValue={localInput(draft.start, timeZone)}
            />
            {error('startsAt')}
          </div>
          <div className="field">
            <label htmlFor="booking-end">Ends</label>
            <input id="booking-end" name="end" type="datetime-local" defaultValue={localInput(draft.end, timeZone)} />
            {error('endsAt')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="booking-status">Status</label>
          <select id="booking-status" name="status" defaultValue="confirmed">
            <option value="confirmed">Confirmed</option>
            <option value="pending">Pending approval</option>
            <option value="hold">Hold (expires in 15 minutes)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="booking-override">Outside opening hours? Say why (optional)</label>
          <input id="booking-override" name="availabilityOverrideReason" />
          {error('availabilityOverrideReason')}
        </div>
        {error('_')}
        <div className="row">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save booking'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

export { localInput };
