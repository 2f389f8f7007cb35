import { Link } from '@remix-run/react';

/** Moves a page of free times by a week (`?week=`), without JavaScript; no going back before this week. */
export function WeekNav({ week }: { week: { label: string; previous: string | null; next: string } }) {
  return (
    <nav className="row" aria-label="Week">
      {week.previous ? <Link to={`?week=${week.previous}`}>← Earlier</Link> : null}
      <strong>{week.label}</strong>
      <Link to={`?week=${week.next}`}>Later →</Link>
    </nav>
  );
}
