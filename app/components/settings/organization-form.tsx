import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useState } from 'react';
import { accentPalette } from '../../../core/accent-color';
import { organizationFormSchema } from '../../../core/schemas/organization';
import type { SettingsAnswer } from '../../routes/$org.admin.settings';
import { TimeZoneField } from '../forms/time-zone-field';
import { ErrorSummary } from '../forms/error-summary';
import { Field, SelectField, TextField } from '../forms/field';
import { SubmitButton } from '../forms/submit-button';
import { Notice } from '../notice';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { Input } from '../ui/input';

/** Suggestions only: any locale the runtime supports is accepted. */
const LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'es-US',
  'es-ES',
  'es-419',
  'fr-FR',
  'fr-CA',
  'de-DE',
  'pt-BR',
  'it-IT',
  'nl-NL',
];

const CLOCKS = [
  { value: '12h', label: '12-hour (6:00 PM)' },
  { value: '24h', label: '24-hour (18:00)' },
];

const LABELS = {
  name: 'Name',
  timeZone: 'Time zone',
  locale: 'Language and region',
  clock: 'Clock',
  accentColor: 'Accent colour',
  cancellationCutoffHours: 'Cancellation closes',
  offerHours: 'Waitlist offers last',
  reminderHours: 'Reminders go out',
};

export interface OrganizationSettingsView {
  name: string;
  timeZone: string;
  locale?: string;
  clock?: '12h' | '24h';
  accentColor: string;
  cancellationCutoffHours?: number;
  offerHours?: number;
  reminderHours?: number;
}

/** The organization's name, time zone, time format, colour and workshop rules. */
export function OrganizationForm({ org, answer }: { org: OrganizationSettingsView; answer: SettingsAnswer }) {
  const [form, fields] = useForm({
    id: 'organization',
    lastResult: answer.result,
    defaultValue: { ...org, locale: org.locale ?? '', clock: org.clock ?? '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const [accent, setAccent] = useState(org.accentColor);
  const palette = accentPalette(/^#[0-9a-f]{6}$/i.test(accent) ? accent : org.accentColor);
  return (
    <section aria-labelledby="organization-heading">
      <Card>
        <CardHeader>
          <CardTitle id="organization-heading">Organization</CardTitle>
          <CardDescription>How the organization is named, where its times are, and how its pages look.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" {...getFormProps(form)} className="flex flex-col gap-5">
            <input type="hidden" name="intent" value="organization" />
            {answer.message ? <Notice>{answer.message}</Notice> : null}
            <ErrorSummary form={form} labels={LABELS} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField meta={fields.name} label={LABELS.name} autoComplete="organization" />
              <TimeZoneField meta={fields.timeZone} label={LABELS.timeZone} fallback={org.timeZone} />
              <Field meta={fields.locale} label={LABELS.locale} hint="How dates are written, e.g. en-US or en-GB.">
                {(control) => {
                  const { key, ...props } = getInputProps(fields.locale, { type: 'text', ariaAttributes: false });
                  return (
                    <>
                      <Input key={key} {...props} {...control} list="locales" placeholder="en-US" autoComplete="off" />
                      <datalist id="locales">
                        {LOCALES.map((locale) => (
                          <option key={locale} value={locale} />
                        ))}
                      </datalist>
                    </>
                  );
                }}
              </Field>
              <SelectField
                meta={fields.clock}
                label={LABELS.clock}
                options={CLOCKS}
                placeholder="As the language and region write it"
              />
            </div>
            <Field
              meta={fields.accentColor}
              label={LABELS.accentColor}
              hint="Buttons, links and focus rings on the organization's pages."
            >
              {(control) => (
                <div className="flex flex-wrap items-center gap-3">
                  <input
                    {...control}
                    type="color"
                    name={fields.accentColor.name}
                    value={accent}
                    onChange={(event) => setAccent(event.target.value)}
                    className="h-10 w-14 cursor-pointer rounded-md border border-input bg-surface p-1"
                  />
                  <code className="font-mono text-sm">{accent}</code>
                  <div
                    aria-label="Preview of the accent colour"
                    role="img"
                    className="flex items-center gap-3 rounded-md border border-line bg-canvas px-3 py-2"
                  >
                    <span
                      className="rounded-md px-3 py-1.5 text-sm font-medium"
                      style={{ background: palette.accent, color: palette.accentForeground }}
                    >
                      Book
                    </span>
                    <span className="text-sm underline" style={{ color: palette.accentText }}>
                      A link
                    </span>
                  </div>
                </div>
              )}
            </Field>
            <fieldset className="flex flex-col gap-3">
              <legend className="mb-2 text-base font-semibold">Workshop rules</legend>
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField
                  meta={fields.cancellationCutoffHours}
                  label={LABELS.cancellationCutoffHours}
                  type="number"
                  inputMode="numeric"
                  placeholder="24"
                  hint="Hours before a session; after it, only staff can cancel. Empty: 24."
                />
                <TextField
                  meta={fields.offerHours}
                  label={LABELS.offerHours}
                  type="number"
                  inputMode="numeric"
                  placeholder="24"
                  hint="Hours to claim a freed seat; shorter when the session is near. Empty: 24."
                />
                <TextField
                  meta={fields.reminderHours}
                  label={LABELS.reminderHours}
                  type="number"
                  inputMode="numeric"
                  placeholder="24"
                  hint="Hours before a booking or session. Empty: 24."
                />
              </div>
            </fieldset>
            <SubmitButton pendingText="Saving…" className="self-start">
              Save
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
    </section>
  );
}
