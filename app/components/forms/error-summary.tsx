import type { FormMetadata } from '@conform-to/react';
import { CircleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { cn } from '../ui/cn';

/**
 * The form's problems in one box at its top, shown after a submit that failed (in the browser or on
 * the server): screen readers announce it (role=alert) and focus moves to it; each field's error links
 * to that field. Form-wide errors ("That email and password do not match an account.") are listed
 * here and nowhere else. `labels` names the fields as their labels do ({ email: 'Email' }).
 */
export function ErrorSummary({
  form,
  labels,
  title = 'Please correct the following',
  className,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: a form of any schema
  form: FormMetadata<any, string[]>;
  labels: Record<string, string>;
  title?: string;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [attempts, setAttempts] = useState(0);
  // A submit in the browser counts even when Conform stops it before it leaves.
  useEffect(() => {
    const element = document.getElementById(form.id);
    if (!element) return;
    const onSubmit = () => setAttempts((n) => n + 1);
    element.addEventListener('submit', onSubmit, { capture: true });
    return () => element.removeEventListener('submit', onSubmit, { capture: true });
  }, [form.id]);
  const fields = form.getFieldset();
  const fieldErrors = Object.entries(form.allErrors).filter(([name, errors]) => name !== '' && errors.length);
  const formErrors = form.errors ?? [];
  const shown = (form.status === 'error' || attempts > 0) && (formErrors.length > 0 || fieldErrors.length > 0);
  useEffect(() => {
    if (shown && attempts > 0) box.current?.focus();
  }, [shown, attempts]);
  if (!shown) return null;
  return (
    <div
      ref={box}
      role="alert"
      tabIndex={-1}
      data-slot="error-summary"
      className={cn(
        'rounded-md border border-danger/40 bg-danger-subtle p-3 text-sm text-danger outline-none',
        className,
      )}
    >
      <p className="flex items-center gap-2 font-semibold">
        <CircleAlert className="size-4 shrink-0" aria-hidden />
        {fieldErrors.length ? title : formErrors.join(' ')}
      </p>
      {fieldErrors.length ? (
        <ul className="mt-1.5 list-disc pl-6">
          {formErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
          {fieldErrors.map(([name, errors]) => (
            <li key={name}>
              <a className="underline" href={`#${(fields as Record<string, { id: string }>)[name]?.id ?? name}`}>
                {labels[name] ?? name}: {errors.join(' ')}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
