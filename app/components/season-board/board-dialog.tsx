import type { ReactNode } from 'react';
import { cn } from '../ui/cn';
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from '../ui/dialog';
import { focusRing } from '../ui/focus';

/**
 * A dialog of the season board (publish, fix all): a title, a body that scrolls, and actions that
 * stay in view under it. Escape or the footer's own "Close"/"Cancel" closes it, and focus returns to
 * the button that opened it.
 */
export function BoardDialog({
  title,
  footer,
  onClose,
  className,
  children,
}: {
  title: ReactNode;
  footer: ReactNode;
  onClose(): void;
  /** A name for tests and styles of this one dialog. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <Dialog open onOpenChange={(open) => open || onClose()}>
      <DialogContent
        showCloseButton={false}
        aria-describedby={undefined}
        className={cn('flex max-w-2xl flex-col gap-0 overflow-hidden p-0 sm:p-0', className)}
      >
        <DialogHeader className="px-5 pt-5 pb-3 sm:px-6">
          <DialogTitle>{title}</DialogTitle>
        </DialogHeader>
        <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto px-5 pb-5 text-sm sm:px-6">{children}</div>
        <DialogFooter className="border-t border-line px-5 py-3 sm:px-6">{footer}</DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** A titled part of a board dialog's body: "Moved (2)". */
export function DialogSection({ heading, count, children }: { heading: string; count?: number; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">
        {heading}
        {count === undefined ? null : <span className="font-normal"> ({count})</span>}
      </h3>
      {children}
    </section>
  );
}

export type ChangeKind = 'added' | 'moved' | 'changed' | 'removed';
const CHANGE_EDGE: Record<ChangeKind, string> = {
  added: 'border-l-success',
  moved: 'border-l-info',
  changed: 'border-l-warning',
  removed: 'border-l-danger',
};

/** One item a publish or a fix changes, its edge coloured by the kind of change. */
export function ChangeEntry({ kind, children }: { kind: ChangeKind; children: ReactNode }) {
  return (
    <li
      className={cn(
        'publish-entry flex flex-col gap-0.5 rounded-md border border-l-4 border-line px-3 py-2',
        kind,
        CHANGE_EDGE[kind],
      )}
    >
      {children}
    </li>
  );
}

/** Where an item was and where it goes: the old place struck through. */
export function MoveLine({ from, to }: { from: string; to: string }) {
  return (
    <p className="text-muted">
      <span className="line-through">{from}</span> → <span className="font-medium text-ink">{to}</span>
    </p>
  );
}

/** An item's name that shows it on the board. */
export function ItemLink({ onClick, children }: { onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className={cn(
        'cursor-pointer rounded-sm text-left font-medium text-ink underline-offset-2 hover:underline',
        focusRing,
      )}
    >
      {children}
    </button>
  );
}
