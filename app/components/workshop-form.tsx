import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type DefaultValue,
  type SubmissionResult,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import { workshopFormSchema } from '../../core/schemas/workshop';
import { Field, FormErrors } from './field';

type WorkshopFormInput = z.input<typeof workshopFormSchema>;

/** One form for creating and editing a workshop, validated in the browser and again on the server. */
export function WorkshopForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue: DefaultValue<WorkshopFormInput>;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const [form, fields] = useForm<WorkshopFormInput>({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: workshopFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <Field label="Title" meta={fields.title} />
      <Field
        label="Address (slug)"
        meta={fields.slug}
        hint="Part of the public address; left empty, it is made from the title"
      />
      <div className="field">
        <label htmlFor={fields.description.id}>Description</label>
        <textarea {...getTextareaProps(fields.description)} rows={8} />
        <small className="muted">
          Plain text (blank lines make paragraphs) or simple HTML: bold, italic, lists, links. Anything else is removed.
        </small>
        {fields.description.errors ? (
          <p className="error" role="alert">
            {fields.description.errors.join('; ')}
          </p>
        ) : null}
      </div>
      <Field label="Seats per session" meta={fields.capacity} type="number" />
      <Field label="Tags" meta={fields.tags} hint="Comma-separated, e.g. ceramics, teens" />
      <div className="field">
        <label htmlFor={fields.registrationMode.id}>Registration</label>
        <select {...getSelectProps(fields.registrationMode)}>
          <option value="per_session">Per session</option>
          <option value="series">The whole series</option>
        </select>
      </div>
      <label>
        <input {...getInputProps(fields.isPublic, { type: 'checkbox' })} /> Open to the public
      </label>{' '}
      <label>
        <input {...getInputProps(fields.published, { type: 'checkbox' })} /> Published
      </label>
      <FormErrors errors={form.errors} />
      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </Form>
  );
}

export function workshopFormDefaults(workshop: {
  title: string;
  slug: string;
  descriptionHtml: string;
  capacity: number;
  tags: string[];
  isPublic: boolean;
  registrationMode: string;
  publishedAt: Date | string | null;
}) {
  return {
    title: workshop.title,
    slug: workshop.slug,
    description: workshop.descriptionHtml,
    capacity: String(workshop.capacity),
    tags: workshop.tags.join(', '),
    isPublic: workshop.isPublic ? 'on' : '',
    registrationMode: workshop.registrationMode,
    published: workshop.publishedAt ? 'on' : '',
  };
}
