import { type FieldMetadata, getInputProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { cn } from './ui/cn';

/** A labelled checkbox bound to a Conform field, with an optional hint and its error under it. */
export function CheckboxField({
  // biome-ignore lint/suspicious/noExplicitAny: a field of any schema
  meta,
  label,
  hint,
  className,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: a field of any schema
  meta: FieldMetadata<any>;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}) {
  const { key, ...props } = getInputProps(meta, { type: 'checkbox', ariaAttributes: false });
  const errors = meta.errors ?? [];
  const described = [hint ? meta.descriptionId : null, errors.length ? meta.errorId : null].filter(Boolean).join(' ');
  return (
    <div data-slot="checkbox-field" className={cn('flex flex-col gap-1', className)}>
      <label className="flex items-start gap-2 text-sm font-medium">
        <input
          key={key}
          {...props}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={described || undefined}
          className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={meta.descriptionId} className="pl-6 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={meta.errorId} className="pl-6 text-sm font-medium text-danger">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
