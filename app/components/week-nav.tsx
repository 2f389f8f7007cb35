import { Link } from '@remix-run/react';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from './ui/button';

/** Moves a page of free times by a week (`?week=`), without JavaScript; no going back before this week. */
export function WeekNav({ week }: { week: { label: string; previous: string | null; next: string } }) {
  return (
    <nav
      aria-label="Week"
      className="flex items-center justify-between gap-2 rounded-lg border border-line bg-surface p-1.5"
    >
      {week.previous ? (
        <Button asChild variant="ghost" size="sm">
          <Link to={`?week=${week.previous}`}>
            <ChevronLeft aria-hidden /> Earlier
          </Link>
        </Button>
      ) : (
        <span className="w-20" />
      )}
      <strong className="text-center text-sm font-semibold">{week.label}</strong>
      <Button asChild variant="ghost" size="sm">
        <Link to={`?week=${week.next}`}>
          Later <ChevronRight aria-hidden />
        </Link>
      </Button>
    </nav>
  );
}
