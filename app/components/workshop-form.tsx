import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import { workshopFormSchema } from '../../core/schemas/workshop';
import { CheckboxField } from './checkbox-field';
import { ErrorSummary } from './forms/error-summary';
import { SelectField, TextareaField, TextField } from './forms/field';
import { SubmitButton } from './forms/submit-button';

type WorkshopFormInput = z.input<typeof workshopFormSchema>;

const LABELS = {
  title: 'Title',
  slug: 'Address (slug)',
  description: 'Description',
  capacity: 'Seats per session',
  tags: 'Tags',
  registrationMode: 'Registration',
  isPublic: 'Open to the public',
  published: 'Published',
};

const REGISTRATION_MODES = [
  { value: 'per_session', label: 'Per session' },
  { value: 'series', label: 'The whole series' },
];

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
    id: 'workshop',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: workshopFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
      <ErrorSummary form={form} labels={LABELS} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField meta={fields.title} label={LABELS.title} autoComplete="off" />
        <TextField
          meta={fields.slug}
          label={LABELS.slug}
          hint="Part of the public address; left empty, it is made from the title."
          autoComplete="off"
        />
      </div>
      <TextareaField
        meta={fields.description}
        label={LABELS.description}
        rows={8}
        hint="Plain text (blank lines make paragraphs) or simple HTML: bold, italic, lists, links. Anything else is removed."
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField meta={fields.capacity} label={LABELS.capacity} type="number" inputMode="numeric" />
        <TextField meta={fields.tags} label={LABELS.tags} hint="Comma-separated, e.g. ceramics, teens." />
        <SelectField meta={fields.registrationMode} label={LABELS.registrationMode} options={REGISTRATION_MODES} />
      </div>
      <CheckboxField meta={fields.isPublic} label={LABELS.isPublic} />
      <CheckboxField meta={fields.published} label={LABELS.published} />
      <SubmitButton name="intent" value="save" pendingText="Saving…" className="self-start">
        {submitLabel}
      </SubmitButton>
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
