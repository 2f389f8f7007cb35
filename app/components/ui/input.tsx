import { forwardRef, type InputHTMLAttributes } from 'react';
import { cn } from './cn';
import { focusRing } from './focus';

/** Shared look of the text controls (input, textarea, select and combobox triggers). */
export const controlClass = cn(
  'w-full min-w-0 rounded-md border border-input bg-surface px-3 py-2 text-base text-ink shadow-sm sm:text-sm',
  'placeholder:text-muted disabled:cursor-not-allowed disabled:opacity-50',
  'aria-invalid:border-danger aria-invalid:ring-1 aria-invalid:ring-danger',
  focusRing,
);

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  ({ className, type = 'text', ...props }, ref) => (
    <input ref={ref} type={type} data-slot="input" className={cn(controlClass, 'h-10', className)} {...props} />
  ),
);
Input.displayName = 'Input';
