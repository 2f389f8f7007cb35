import { lazy, type ReactNode, Suspense, useRef, useState } from 'react';
import { useHydrated } from './forms/use-hydrated';
import { SubmitButton } from './forms/submit-button';
import type { ButtonProps } from './ui/button';

const loadConfirmDialog = () => import('./confirm-dialog');
const ConfirmDialog = lazy(loadConfirmDialog);

/**
 * A submit button that asks first ("Revoke the key "CI"?"). Once the page's JavaScript has loaded a
 * click opens an alert dialog and only its confirm button sends the form; before that the button
 * submits straight away, so the form still works without JavaScript. With `name`/`value` (an answer
 * among other buttons of the form) the form is sent as if this button was pressed. The dialog (Radix)
 * is fetched when the pointer or focus reaches the button, so pages that only might ask stay light.
 */
export function ConfirmSubmit({
  children,
  title,
  description,
  confirm,
  pendingText,
  tone = 'danger',
  variant,
  size,
  className,
  cancel = 'Cancel',
  name,
  value,
  'aria-label': accessibleName,
}: {
  children: ReactNode;
  title: ReactNode;
  description: ReactNode;
  /** The confirm button's words ("Revoke key"). */
  confirm: string;
  pendingText?: string;
  tone?: 'primary' | 'danger';
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  className?: string;
  /** The words that back out ("Keep it" where the action itself is a cancel). */
  cancel?: string;
  /**
   * The field this button sends, like any submit button's (the confirm sends the form with this button
   * as its submitter); it also tells this form's sends apart from the page's other forms, so only this
   * button spins.
   */
  name?: string;
  value?: string;
  /** The button's name to a screen reader when its words alone do not say what it acts on. */
  'aria-label'?: string;
}) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement | null>(null);
  const [asked, setAsked] = useState(false);
  return (
    <>
      <SubmitButton
        variant={variant}
        size={size}
        className={className}
        pendingText={pendingText}
        name={name}
        value={value}
        aria-label={accessibleName}
        onPointerEnter={() => void loadConfirmDialog()}
        onFocus={() => void loadConfirmDialog()}
        onClick={(event) => {
          if (!hydrated) return;
          event.preventDefault();
          button.current = event.currentTarget;
          setAsked(true);
          setOpen(true);
        }}
      >
        {children}
      </SubmitButton>
      {asked ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={open}
            onOpenChange={(next) => {
              setOpen(next);
              // Back to the button that asked, as a trigger would; the dialog has none.
              if (!next) button.current?.focus();
            }}
            title={title}
            description={description}
            cancel={cancel}
            confirm={confirm}
            tone={tone}
            onConfirm={() => button.current?.form?.requestSubmit(button.current)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
