import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type DefaultValue,
  type SubmissionResult,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import { WEEKDAYS } from '../../core/availability';
import { resourceFormSchema } from '../../core/schemas/resource-form';
import { Field, FormErrors } from './field';

const DAY_NAMES = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const;

/** One form for creating and editing a resource, validated in the browser and again on the server. */
type ResourceFormInput = z.input<typeof resourceFormSchema>;

export function ResourceForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue: DefaultValue<ResourceFormInput>;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const [form, fields] = useForm<ResourceFormInput>({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resourceFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const weekly = fields.weekly.getFieldset();
  const exceptions = fields.exceptions.getFieldList();
  const blackouts = fields.blackouts.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)}>
      <Field label="Name" meta={fields.title} />
      <div className="field">
        <label htmlFor={fields.type.id}>Type</label>
        <select {...getSelectProps(fields.type)}>
          <option value="space">Space (room, studio, gallery)</option>
          <option value="equipment">Equipment</option>
          <option value="person">Person (studio visits)</option>
          <option value="other">Other</option>
        </select>
      </div>
      <Field label="Capacity" meta={fields.capacity} type="number" />
      <Field
        label="Time zone"
        meta={fields.timeZone}
        hint="Opening hours are read in this zone, e.g. America/New_York"
      />
      <Field label="Location" meta={fields.location} />
      <Field label="Notes" meta={fields.notes} />
      <label>
        <input {...getInputProps(fields.isBookable, { type: 'checkbox' })} /> Bookable
      </label>{' '}
      <label>
        <input {...getInputProps(fields.requiresApproval, { type: 'checkbox' })} /> Bookings need staff approval
      </label>
      <h2>Studio visits</h2>
      <p className="muted">
        For a person: residents (and, if allowed, the public) request visits of this length within the opening hours
        below, at <code>/…/studio-visits</code>. Leave the length empty for free-form times.
      </p>
      <Field label="Visit length (minutes)" meta={fields.visitMinutes} type="number" placeholder="not slot-based" />
      <Field
        label="Buffer around bookings (minutes)"
        meta={fields.bufferMinutes}
        type="number"
        hint="Kept free before and after every other booking; visits start every length + buffer minutes"
      />
      <Field
        label="Minimum notice (hours)"
        meta={fields.minNoticeHours}
        type="number"
        hint="How far ahead of its start a visit must be requested"
      />
      <label>
        <input {...getInputProps(fields.allowPublicRequests, { type: 'checkbox' })} /> Open to public requests (anyone
        may ask for a visit without an account)
      </label>
      {fields.allowPublicRequests.errors ? (
        <p className="error" role="alert">
          {fields.allowPublicRequests.errors.join('; ')}
        </p>
      ) : null}
      <h2>Opening hours</h2>
      <label>
        <input {...getInputProps(fields.alwaysOpen, { type: 'checkbox' })} /> Open around the clock
      </label>
      <p className="muted">
        Per weekday, ranges like <code>09:00-17:00</code> or <code>09:00-12:00, 13:00-17:00</code>; leave empty for
        closed.
      </p>
      {WEEKDAYS.map((day) => (
        <Field key={day} label={DAY_NAMES[day]} meta={weekly[day]} placeholder="closed" />
      ))}
      <h3>Exceptions</h3>
      <p className="muted">A date with different hours (empty hours: closed that day).</p>
      {exceptions.map((exception, index) => {
        const e = exception.getFieldset();
        return (
          <fieldset key={exception.key} className="row">
            <Field label="Date" meta={e.date} type="date" />
            <Field label="Hours" meta={e.hours} placeholder="closed" />
            <Field label="Note" meta={e.note} />
            <button {...form.remove.getButtonProps({ name: fields.exceptions.name, index })} className="secondary">
              Remove
            </button>
          </fieldset>
        );
      })}
      <button
        {...form.insert.getButtonProps({
          name: fields.exceptions.name,
          defaultValue: { date: '', hours: '', note: '' },
        })}
        className="secondary"
      >
        Add an exception
      </button>
      <h3>Blackouts</h3>
      <p className="muted">Closed from one date to another, both included (holidays, closures).</p>
      {blackouts.map((blackout, index) => {
        const b = blackout.getFieldset();
        return (
          <fieldset key={blackout.key} className="row">
            <Field label="From" meta={b.from} type="date" />
            <Field label="To" meta={b.to} type="date" />
            <Field label="Reason" meta={b.reason} />
            <button {...form.remove.getButtonProps({ name: fields.blackouts.name, index })} className="secondary">
              Remove
            </button>
          </fieldset>
        );
      })}
      <button
        {...form.insert.getButtonProps({ name: fields.blackouts.name, defaultValue: { from: '', to: '', reason: '' } })}
        className="secondary"
      >
        Add a blackout
      </button>
      <FormErrors errors={form.errors} />
      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </Form>
  );
}
