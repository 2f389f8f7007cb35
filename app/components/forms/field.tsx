import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { cn } from '../ui/cn';
import { Input } from '../ui/input';
import { Label } from '../ui/label';
import { NativeSelect } from '../ui/native-select';
import { Textarea } from '../ui/textarea';

// Conform's field metadata, whatever the value's type.
// biome-ignore lint/suspicious/noExplicitAny: a field of any schema fits here
type AnyField = FieldMetadata<any>;

/** What a control inside a Field must carry so its label, hint and error are tied to it. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

/** The ids a control names in aria-describedby: the hint when there is one, the error when there is one. */
export function describedBy(meta: AnyField, hint: boolean): string | undefined {
  const ids = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * One form field: its label, the control, a hint, and its error once, right under it (the control
 * is aria-invalid and described by the error). `children` renders the control from `ControlProps`;
 * TextField, TextareaField and SelectField below cover the common controls.
 */
export function Field({
  meta,
  label,
  hint,
  className,
  children,
}: {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const errors = meta.errors ?? [];
  return (
    <div data-slot="field" className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={meta.id}>{label}</Label>
      {children({
        id: meta.id,
        'aria-invalid': errors.length ? true : undefined,
        'aria-describedby': describedBy(meta, Boolean(hint)),
      })}
      {hint ? (
        <p id={meta.descriptionId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={meta.errorId} className="text-sm font-medium text-danger">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

type InputType =
  | 'text'
  | 'email'
  | 'password'
  | 'number'
  | 'date'
  | 'time'
  | 'datetime-local'
  | 'tel'
  | 'url'
  | 'search';

/** A labelled text input bound to a Conform field (name, default value, constraints, errors). */
export function TextField({
  meta,
  label,
  hint,
  type = 'text',
  className,
  ...rest
}: {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  type?: InputType;
  className?: string;
  autoComplete?: string;
  placeholder?: string;
  inputMode?: 'text' | 'email' | 'numeric' | 'decimal' | 'tel' | 'url' | 'search';
  /** Only where opening the form means typing in this field next (a dialog's first field). */
  autoFocus?: boolean;
}) {
  return (
    <Field meta={meta} label={label} hint={hint} className={className}>
      {(control) => {
        const { key, ...props } = getInputProps(meta, { type, ariaAttributes: false });
        return <Input key={key} {...props} {...control} {...rest} />;
      }}
    </Field>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  className,
  rows,
}: {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  rows?: number;
}) {
  return (
    <Field meta={meta} label={label} hint={hint} className={className}>
      {(control) => {
        const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });
        return <Textarea key={key} rows={rows} {...props} {...control} />;
      }}
    </Field>
  );
}

/** A native select (works before JavaScript) bound to a Conform field. */
export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
  className,
}: {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  /** A first, empty choice ("Choose a room…"). */
  placeholder?: string;
  className?: string;
}) {
  return (
    <Field meta={meta} label={label} hint={hint} className={className}>
      {(control) => {
        const { key, ...props } = getSelectProps(meta, { ariaAttributes: false });
        return (
          <NativeSelect key={key} {...props} {...control}>
            {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        );
      }}
    </Field>
  );
}
