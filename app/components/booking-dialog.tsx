import { type ReactNode, useState, type FormEvent } from 'react';
import { bookingCreateSchema } from '../../core/schemas/booking';
import { fieldErrors } from '../../core/validation';
import type { CalendarResource } from './calendar-types';
import { Button } from './ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from './ui/dialog';
import { Input } from './ui/input';
import { Label } from './ui/label';
import { NativeSelect } from './ui/native-select';

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
  // One field: its label, the control, and its error once under it (the control described by it).
  const field = (id: string, name: string, label: string, control: (props: object) => ReactNode) => {
    const messages = shown[name];
    return (
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={id}>{label}</Label>
        {control({
          id,
          'aria-invalid': messages ? true : undefined,
          'aria-describedby': messages ? `${id}-error` : undefined,
        })}
        {messages ? (
          <p id={`${id}-error`} className="text-sm font-medium text-danger">
            {messages.join(' ')}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="max-w-lg">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>New booking</DialogTitle>
          </DialogHeader>
          {shown._ ? (
            <p role="alert" className="rounded-md border border-danger/40 bg-danger-subtle p-3 text-sm text-danger">
              {shown._.join(' ')}
            </p>
          ) : null}
          {/* biome-ignore lint/a11y/noAutofocus: the dialog opens because someone is about to type its title */}
          {field('booking-title', 'title', 'Title', (props) => (
            <Input name="title" autoFocus {...props} />
          ))}
          {field('booking-resource', 'resourceId', 'Resource', (props) => (
            <NativeSelect name="resourceId" defaultValue={draft.resourceId} {...props}>
              {resources.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </NativeSelect>
          ))}
          <div className="grid gap-4 sm:grid-cols-2">
            {field('booking-start', 'startsAt', `Starts (${timeZone})`, (props) => (
              <Input name="start" type="datetime-local" defaultValue={localInput(draft.start, timeZone)} {...props} />
            ))}
            {field('booking-end', 'endsAt', 'Ends', (props) => (
              <Input name="end" type="datetime-local" defaultValue={localInput(draft.end, timeZone)} {...props} />
            ))}
          </div>
          {field('booking-status', 'status', 'Status', (props) => (
            <NativeSelect name="status" defaultValue="confirmed" {...props}>
              <option value="confirmed">Confirmed</option>
              <option value="pending">Pending approval</option>
              <option value="hold">Hold (expires in 15 minutes)</option>
            </NativeSelect>
          ))}
          {field(
            'booking-override',
            'availabilityOverrideReason',
            'Outside opening hours? Say why (optional)',
            (props) => (
              <Input name="availabilityOverrideReason" {...props} />
            ),
          )}
          <DialogFooter>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" aria-busy={busy || undefined} disabled={busy}>
              {busy ? 'Saving…' : 'Save booking'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export { localInput };
