import type { FormMetadata } from '@conform-to/react';
import { CircleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { cn } from '../ui/cn';

/** Conform checks a field as it is left by sending the form with a hidden button of this name: not an attempt. */
const CONFORM_INTENT = '__intent__';

/**
 * The form's problems in one box at its top, shown after a submit that failed (in the browser or on
 * the server), never for a field checked as it is left: screen readers announce it (role=alert) and
 * focus moves to it once per attempt; each field's error links to that field. Form-wide errors
 * ("That email and password do not match an account.") are listed here and nowhere else. `labels`
 * names the fields as their labels do ({ email: 'Email' }).
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
  // Set by an attempt, spent when the summary takes focus. Typing or leaving a field gives up the wait:
  // an answer that comes later must not pull focus away from a field being filled in.
  const focusWanted = useRef(false);
  // A submit in the browser counts even when Conform stops it before it leaves; its checks of a field
  // being left (a submit with its intent button) do not.
  useEffect(() => {
    const element = document.getElementById(form.id);
    if (!element) return;
    let attempting = false;
    const onSubmit = (event: Event) => {
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      if (submitter?.name === CONFORM_INTENT) {
        // Conform moving focus to the first wrong field checks the field it leaves: part of the attempt.
        if (!attempting) focusWanted.current = false;
        return;
      }
      focusWanted.current = true;
      attempting = true;
      // After the whole submit: Conform checks the form and focuses its first wrong field first, and
      // the summary takes focus from there.
      setTimeout(() => {
        attempting = false;
        setAttempts((n) => n + 1);
      });
    };
    const onInput = () => {
      focusWanted.current = false;
    };
    element.addEventListener('submit', onSubmit, { capture: true });
    element.addEventListener('input', onInput);
    return () => {
      element.removeEventListener('submit', onSubmit, { capture: true });
      element.removeEventListener('input', onInput);
    };
  }, [form.id]);
  const fields = form.getFieldset();
  const fieldErrors = Object.entries(form.allErrors).filter(([name, errors]) => name !== '' && errors.length);
  const formErrors = form.errors ?? [];
  const shown = (form.status === 'error' || attempts > 0) && (formErrors.length > 0 || fieldErrors.length > 0);
  useEffect(() => {
    if (!shown || !focusWanted.current) return;
    focusWanted.current = false;
    box.current?.focus();
  });
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
