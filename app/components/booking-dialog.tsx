import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useFetcher } from '@remix-run/react';
import { useEffect, useMemo } from 'react';
import { bookingFormSchema } from '../../core/schemas/booking-form';
import { localFromInstant } from '../../core/schemas/wall-clock';
import type { BookingView } from '../../db/operations/bookings/booking-records';
import type { action } from '../routes/$org.admin.calendar';
import type { CalendarResource } from './calendar-types';
import { ErrorSummary } from './forms/error-summary';
import { SelectField, TextField } from './forms/field';
import { SubmitButton } from './forms/submit-button';
import { Button } from './ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from './ui/dialog';

export interface NewBookingDraft {
  resourceId: string;
  start: Date;
  end: Date;
}

const LABELS = {
  title: 'Title',
  resourceId: 'Resource',
  startsAt: 'Starts',
  endsAt: 'Ends',
  status: 'Status',
  availabilityOverrideReason: 'Reason for booking outside opening hours',
};

const STATUSES = [
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'pending', label: 'Pending approval' },
  { value: 'hold', label: 'Hold (expires in 15 minutes)' },
];

/**
 * Create a booking from a drag-selected slot. A Conform form posted by a fetcher to the calendar page's
 * action: the core booking form schema checks it in the browser and again on the server (it ends in the
 * API's own bookingCreateSchema), and the answer puts each error beside its field, a clash in the summary.
 */
export function BookingDialog({
  draft,
  resources,
  timeZone,
  action: actionUrl,
  onBooked,
  onClose,
  returnFocus,
}: {
  draft: NewBookingDraft;
  resources: CalendarResource[];
  timeZone: string;
  /** The calendar page's address, whose action makes the booking. */
  action: string;
  onBooked: (booking: BookingView) => void;
  onClose: () => void;
  /**
   * Gives focus back to what opened the dialog, after Cancel, Escape or a booking; false when there
   * is nothing to focus (then the dialog's own rule applies).
   */
  returnFocus?: () => boolean;
}) {
  // Its own fetcher: each opening of the dialog starts without the last one's answer.
  const fetcher = useFetcher<typeof action>();
  const schema = useMemo(() => bookingFormSchema(timeZone), [timeZone]);
  const [form, fields] = useForm({
    id: 'new-booking',
    lastResult: fetcher.data?.result,
    defaultValue: {
      resourceId: draft.resourceId,
      startsAt: localFromInstant(draft.start, timeZone),
      endsAt: localFromInstant(draft.end, timeZone),
      status: 'confirmed',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const booked = fetcher.data && 'booking' in fetcher.data ? fetcher.data.booking : undefined;
  useEffect(() => {
    if (booked) onBooked(booked as BookingView);
  }, [booked, onBooked]);
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent
        className="max-w-lg"
        onCloseAutoFocus={(event) => {
          if (returnFocus?.()) event.preventDefault();
        }}
      >
        <fetcher.Form method="post" action={actionUrl} {...getFormProps(form)} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>New booking</DialogTitle>
          </DialogHeader>
          <ErrorSummary form={form} labels={LABELS} />
          {/* The dialog opens because someone is about to type its title. */}
          <TextField meta={fields.title} label={LABELS.title} autoComplete="off" autoFocus />
          <SelectField
            meta={fields.resourceId}
            label={LABELS.resourceId}
            options={resources.map((r) => ({ value: r.id, label: r.title }))}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField meta={fields.startsAt} label={`Starts (${timeZone})`} type="datetime-local" />
            <TextField meta={fields.endsAt} label={LABELS.endsAt} type="datetime-local" />
          </div>
          <SelectField meta={fields.status} label={LABELS.status} options={STATUSES} />
          <TextField meta={fields.availabilityOverrideReason} label="Outside opening hours? Say why (optional)" />
          <DialogFooter>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <SubmitButton fetcher={fetcher} pendingText="Saving…">
              Save booking
            </SubmitButton>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  );
}
