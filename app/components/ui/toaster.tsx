import { Toaster as Sonner } from 'sonner';

/**
 * Where toasts appear (one, mounted by components/toaster-host.tsx). Toasts are announced politely to
 * screen readers and can be reached with Alt+T. Pages show one with `toast` from ./toast, which loads
 * this only then; an action's flash message (app/flash.server.ts) becomes a toast after its redirect.
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      toastOptions={{
        classNames: {
          toast: 'rounded-lg! border! border-line! bg-surface! text-ink! shadow-lg! font-sans!',
          description: 'text-muted!',
          actionButton: 'bg-accent! text-accent-foreground! font-medium!',
          success: '[&_[data-icon]]:text-success!',
          error: '[&_[data-icon]]:text-danger!',
        },
      }}
    />
  );
}
