import { getInputProps, type FieldMetadata } from '@conform-to/react';

type InputType = 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'datetime-local' | 'hidden';

/** A labelled input with its errors right under it; conform wires validation on both sides. */
export function Field({
  label,
  meta,
  type = 'text',
  hint,
  ...rest
}: {
  label: string;
  meta: FieldMetadata<string | number | undefined>;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  placeholder?: string;
}) {
  const errorId = `${meta.id}-error`;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type, ariaDescribedBy: meta.errors ? errorId : undefined })} {...rest} />
      {hint ? <small className="muted">{hint}</small> : null}
      {meta.errors ? (
        <p className="error" id={errorId} role="alert">
          {meta.errors.join('; ')}
        </p>
      ) : null}
    </div>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  return errors?.length ? (
    <p className="error" role="alert">
      {errors.join(' ')}
    </p>
  ) : null;
}
