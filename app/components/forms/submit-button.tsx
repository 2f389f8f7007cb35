import { useFormAction, useNavigation } from '@remix-run/react';
import { LoaderCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '../ui/button';

interface FetcherLike {
  state: 'idle' | 'loading' | 'submitting';
  formData?: FormData;
}

/**
 * A submit button that shows it is working while its form is on its way: a spinner, `pendingText`,
 * aria-busy, and no second click. It follows the page's navigation, or `fetcher` when the form is a
 * fetcher.Form; with `name`/`value` (an intent) only the button that was pressed spins.
 */
export function SubmitButton({
  children,
  pendingText,
  fetcher,
  action,
  name,
  value,
  ...props
}: Omit<ButtonProps, 'type' | 'value'> & {
  pendingText?: ReactNode;
  fetcher?: FetcherLike;
  /** The form's action, when it is not this route. */
  action?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const formAction = useFormAction(action);
  const submission = fetcher
    ? fetcher.state === 'submitting'
      ? fetcher.formData
      : undefined
    : navigation.state === 'submitting' && navigation.formAction === formAction
      ? navigation.formData
      : undefined;
  const pending = submission !== undefined && (!name || submission.get(name) === (value ?? ''));
  return (
    <Button
      type="submit"
      name={name}
      value={value}
      aria-busy={pending || undefined}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      {...props}
    >
      {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : null}
      {pending && pendingText ? pendingText : children}
    </Button>
  );
}
