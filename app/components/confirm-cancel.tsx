import { Form } from '@remix-run/react';
import { useState } from 'react';
import { SubmitButton } from './forms/submit-button';
import { useHydrated } from './forms/use-hydrated';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from './ui/alert-dialog';
import { Button } from './ui/button';

/**
 * A cancel button that asks first. The form posts `name=value`; before the page's JavaScript has
 * loaded the button submits it at once (nothing to confirm with), afterwards an alert dialog asks.
 */
export function ConfirmCancel({
  name,
  value,
  label,
  accessibleName,
  title,
  description,
  confirmLabel,
}: {
  name: string;
  value: string;
  /** What the button says ("Cancel"). */
  label: string;
  /** What the button is called to a screen reader: which thing it cancels. */
  accessibleName: string;
  title: string;
  description: string;
  confirmLabel: string;
}) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const formId = `cancel-${value}`;
  return (
    <Form method="post" id={formId}>
      <input type="hidden" name={name} value={value} />
      {hydrated ? (
        <AlertDialog open={open} onOpenChange={setOpen}>
          <AlertDialogTrigger asChild>
            <Button variant="secondary" size="sm" aria-label={accessibleName}>
              {label}
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>{title}</AlertDialogTitle>
              <AlertDialogDescription>{description}</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Keep it</AlertDialogCancel>
              <AlertDialogAction
                onClick={(event) => {
                  // The form is outside the portalled dialog: submit it before the dialog unmounts.
                  event.preventDefault();
                  (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit();
                  setOpen(false);
                }}
              >
                {confirmLabel}
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      ) : (
        <SubmitButton variant="secondary" size="sm" aria-label={accessibleName}>
          {label}
        </SubmitButton>
      )}
    </Form>
  );
}
