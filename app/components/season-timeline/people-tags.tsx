import type { PresencePerson } from './types';

/** The names of the co-editors on an item, each on their own colour. */
export function PeopleTags({
  people,
  className,
  hidden = false,
}: {
  people: readonly PresencePerson[];
  className: string;
  /** Left out of what a screen reader says, where the item's own name already says it. */
  hidden?: boolean;
}) {
  return (
    <span className={className} aria-hidden={hidden || undefined}>
      {people.map((person) => (
        <span key={person.name} style={{ background: person.colour }}>
          {person.name}
        </span>
      ))}
    </span>
  );
}
