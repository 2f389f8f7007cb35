import type { ReactNode } from 'react';
import { cn } from './ui/cn';

/** A person's own things (bookings, workshop seats): one bordered list, rows stacked on a phone. */
export function MyList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="divide-y divide-line rounded-lg border border-line bg-surface">
      {children}
    </ul>
  );
}

/** One row: what and when on the left, its actions on the right (below it on a phone). */
export function MyListItem({
  heading,
  details,
  actions,
  current,
}: {
  heading: ReactNode;
  details: ReactNode;
  actions?: ReactNode;
  /** The row the person has just made: marked for screen readers and with a quiet fill. */
  current?: boolean;
}) {
  return (
    <li
      aria-current={current ? 'true' : undefined}
      className={cn(
        'flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between sm:gap-6',
        current && 'bg-accent/5',
      )}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">{heading}</div>
        <div className="flex flex-col gap-0.5 text-sm text-muted">{details}</div>
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </li>
  );
}

/** The quiet line a list shows when it has nothing in it. */
export function EmptyList({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-line p-4 text-sm text-muted">{children}</p>;
}
