import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { Plus, Trash2 } from 'lucide-react';
import type { z } from 'zod';
import { WEEKDAYS } from '../../core/availability';
import { resourceFormSchema } from '../../core/schemas/resource-form';
import { CheckboxField } from './checkbox-field';
import { ErrorSummary } from './forms/error-summary';
import { SelectField, TextareaField, TextField } from './forms/field';
import { SubmitButton } from './forms/submit-button';
import { TimeZoneField } from './forms/time-zone-field';
import { useHydrated } from './forms/use-hydrated';
import { Button } from './ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './ui/card';

const DAY_NAMES = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const;

const TYPES = [
  { value: 'space', label: 'Space (room, studio, gallery)' },
  { value: 'equipment', label: 'Equipment' },
  { value: 'person', label: 'Person (studio visits)' },
  { value: 'other', label: 'Other' },
];

const LABELS: Record<string, string> = {
  title: 'Name',
  type: 'Type',
  capacity: 'Capacity',
  timeZone: 'Time zone',
  location: 'Location',
  notes: 'Notes',
  visitMinutes: 'Visit length',
  bufferMinutes: 'Buffer around bookings',
  minNoticeHours: 'Minimum notice',
  allowPublicRequests: 'Open to public requests',
  ...Object.fromEntries(Object.entries(DAY_NAMES).map(([day, name]) => [`weekly.${day}`, name])),
};

type ResourceFormInput = z.input<typeof resourceFormSchema>;

/**
 * One form for creating and editing a resource, validated in the browser and again on the server.
 * It shows the fields of the chosen type only: the studio-visit settings belong to a person, and
 * switch in and out as the type changes (the server drops them for other types: withoutOtherTypesFields).
 */
export function ResourceForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue: DefaultValue<ResourceFormInput>;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const hydrated = useHydrated();
  const [form, fields] = useForm<ResourceFormInput>({
    id: 'resource',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resourceFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const weekly = fields.weekly.getFieldset();
  const exceptions = fields.exceptions.getFieldList();
  const blackouts = fields.blackouts.getFieldList();
  const isPerson = (fields.type.value ?? defaultValue?.type) === 'person';
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-6">
      <ErrorSummary form={form} labels={LABELS} />
      <Card>
        <CardHeader>
          <CardTitle>About it</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField meta={fields.title} label={LABELS.title} autoComplete="off" />
            <SelectField meta={fields.type} label={LABELS.type} options={TYPES} />
            <TextField meta={fields.capacity} label={LABELS.capacity} type="number" inputMode="numeric" />
            <TimeZoneField
              meta={fields.timeZone}
              label={LABELS.timeZone}
              hint="Opening hours are read in this zone."
              fallback={String(defaultValue?.timeZone ?? '')}
            />
            <TextField meta={fields.location} label={LABELS.location} className="sm:col-span-2" />
          </div>
          <TextareaField meta={fields.notes} label={LABELS.notes} rows={3} />
          <CheckboxField meta={fields.isBookable} label="Bookable" />
          <CheckboxField meta={fields.requiresApproval} label="Bookings need staff approval" />
        </CardContent>
      </Card>

      {isPerson ? (
        <Card>
          <CardHeader>
            <CardTitle>Studio visits</CardTitle>
            <CardDescription>
              Residents (and, if allowed, the public) request visits of this length within the opening hours below.
              Leave the length empty for free-form times.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField
                meta={fields.visitMinutes}
                label={`${LABELS.visitMinutes} (minutes)`}
                type="number"
                inputMode="numeric"
                placeholder="Free-form"
              />
              <TextField
                meta={fields.bufferMinutes}
                label={`${LABELS.bufferMinutes} (minutes)`}
                type="number"
                inputMode="numeric"
                hint="Kept free before and after other bookings."
              />
              <TextField
                meta={fields.minNoticeHours}
                label={`${LABELS.minNoticeHours} (hours)`}
                type="number"
                inputMode="decimal"
                hint="How far ahead a visit must be asked for."
              />
            </div>
            <CheckboxField
              meta={fields.allowPublicRequests}
              label={LABELS.allowPublicRequests}
              hint="Anyone may ask for a visit without an account."
            />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Opening hours</CardTitle>
          <CardDescription>
            Per weekday, ranges like <code className="font-mono">09:00-17:00</code> or{' '}
            <code className="font-mono">09:00-12:00, 13:00-17:00</code>; empty is closed.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <CheckboxField meta={fields.alwaysOpen} label="Open around the clock" />
          <div className="grid gap-3 sm:grid-cols-2">
            {WEEKDAYS.map((day) => (
              <TextField key={day} meta={weekly[day]} label={DAY_NAMES[day]} placeholder="Closed" autoComplete="off" />
            ))}
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Exceptions</CardTitle>
          <CardDescription>A date with different hours (empty hours: closed that day).</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {exceptions.map((exception, index) => {
            const e = exception.getFieldset();
            return (
              <fieldset
                key={exception.key}
                className="grid items-end gap-3 rounded-md border border-line p-3 sm:grid-cols-[10rem_1fr_1fr_auto]"
              >
                <legend className="sr-only">Exception {index + 1}</legend>
                <TextField meta={e.date} label="Date" type="date" />
                <TextField meta={e.hours} label="Hours" placeholder="Closed" autoComplete="off" />
                <TextField meta={e.note} label="Note" autoComplete="off" />
                <Button
                  variant="ghost"
                  {...form.remove.getButtonProps({ name: fields.exceptions.name, index })}
                  disabled={!hydrated}
                >
                  <Trash2 aria-hidden />
                  Remove<span className="sr-only"> exception {index + 1}</span>
                </Button>
              </fieldset>
            );
          })}
          <Button
            variant="secondary"
            className="self-start"
            {...form.insert.getButtonProps({
              name: fields.exceptions.name,
              defaultValue: { date: '', hours: '', note: '' },
            })}
            disabled={!hydrated}
          >
            <Plus aria-hidden />
            Add an exception
          </Button>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Blackouts</CardTitle>
          <CardDescription>Closed from one date to another, both included (holidays, closures).</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {blackouts.map((blackout, index) => {
            const b = blackout.getFieldset();
            return (
              <fieldset
                key={blackout.key}
                className="grid items-end gap-3 rounded-md border border-line p-3 sm:grid-cols-[10rem_10rem_1fr_auto]"
              >
                <legend className="sr-only">Blackout {index + 1}</legend>
                <TextField meta={b.from} label="From" type="date" />
                <TextField meta={b.to} label="To" type="date" />
                <TextField meta={b.reason} label="Reason" autoComplete="off" />
                <Button
                  variant="ghost"
                  {...form.remove.getButtonProps({ name: fields.blackouts.name, index })}
                  disabled={!hydrated}
                >
                  <Trash2 aria-hidden />
                  Remove<span className="sr-only"> blackout {index + 1}</span>
                </Button>
              </fieldset>
            );
          })}
          <Button
            variant="secondary"
            className="self-start"
            {...form.insert.getButtonProps({
              name: fields.blackouts.name,
              defaultValue: { from: '', to: '', reason: '' },
            })}
            disabled={!hydrated}
          >
            <Plus aria-hidden />
            Add a blackout
          </Button>
        </CardContent>
      </Card>

      <SubmitButton pendingText="Saving…" className="self-start">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
