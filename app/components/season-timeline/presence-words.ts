import type { PresencePerson } from './types';

/** What co-editors are doing with an item, in words: "Selected by Ana. Being moved by Bo". */
export function presenceWords(people: readonly PresencePerson[]): string {
  const names = (moving: boolean) =>
    people
      .filter((person) => Boolean(person.moving) === moving)
      .map((person) => person.name)
      .join(', ');
  return [names(false) && `Selected by ${names(false)}`, names(true) && `Being moved by ${names(true)}`]
    .filter(Boolean)
    .join('. ');
}
