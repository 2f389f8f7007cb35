import { Toaster as Sonner, toast } from 'sonner';

/**
 * Where toasts appear (one, in the root layout). Toasts are announced politely to screen readers and
 * can be reached with Alt+T. Pages rarely call `toast()` themselves: an action's flash message
 * (app/flash.server.ts) becomes a toast after its redirect (components/flash-toast.tsx).
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

export { toast };
