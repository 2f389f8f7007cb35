import type { Submission } from '@conform-to/react';
import { useCallback, useRef, useState } from 'react';

/** A form's check in the browser: its data parsed with the form's `core/` schema, as the action parses it. */
export type FormCheck<Output> = (formData: FormData) => Submission<Output, string[]>;

/**
 * Checks a public form in the browser without zod in the page's JavaScript (the 120 kB budget, ADR
 * 040 and 041): the module holding the form's schema loads when the form first takes focus (or the
 * pointer goes down in it), and from then on each field is checked as it is left, with the action's
 * own messages, and the whole form before it is sent. Until the module is there, the server alone
 * checks the form, as it always does.
 *
 *   const checks = useChecksOnDemand(loadVisitCheck);
 *   const [form, fields] = useForm({ id, lastResult, ...checks.options });
 *   <Form {...getFormProps(form)} {...checks.formProps}>
 */
export function useChecksOnDemand<Output>(load: () => Promise<FormCheck<Output>>) {
  const [check, setCheck] = useState<FormCheck<Output> | null>(null);
  const asked = useRef(false);
  const start = useCallback(() => {
    if (asked.current) return;
    asked.current = true;
    load().then(
      (loaded) => setCheck(() => loaded),
      // Offline or a new deployment: the server still checks; the next focus tries again.
      () => {
        asked.current = false;
      },
    );
  }, [load]);
  return {
    // Conform sends a form without `onValidate` to the server even to check one field, so the checks
    // as a field is left start only with the module.
    options: check
      ? {
          onValidate: ({ formData }: { formData: FormData }) => check(formData),
          shouldValidate: 'onBlur' as const,
          shouldRevalidate: 'onInput' as const,
        }
      : {},
    // `data-checks` says who checks the form now: the server alone, or the browser too.
    formProps: { onFocus: start, onPointerDown: start, 'data-checks': check ? 'browser' : 'server' },
  };
}
