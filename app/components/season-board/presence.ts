/**
 * Who is on the board, readable at a glance: every co-editor gets a colour nobody else present has,
 * and initials that tell them apart where a name does not fit. Everyone computes the same answer
 * from the same awareness states, so no one has to hand out colours.
 */

/** Twelve colours that read as different from one another and carry white text. */
export const PRESENCE_COLOURS = [
  '#0b6e6e',
  '#c2410c',
  '#6d28d9',
  '#be123c',
  '#1d4ed8',
  '#15803d',
  '#a16207',
  '#0e7490',
  '#9d174d',
  '#4d7c0f',
  '#7c2d12',
  '#4338ca',
];

const hash = (text: string) => [...text].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) >>> 0, 7);

/**
 * A colour per user id, distinct while there are no more people than colours: each takes its own
 * favourite (from its id) unless someone earlier in id order has it, then the next free one.
 */
export function assignColours(userIds: string[]): Map<string, string> {
  const colours = new Map<string, string>();
  const taken = new Set<number>();
  for (const id of [...new Set(userIds)].sort()) {
    let index = hash(id) % PRESENCE_COLOURS.length;
    for (let tries = 0; taken.has(index) && tries < PRESENCE_COLOURS.length; tries++)
      index = (index + 1) % PRESENCE_COLOURS.length;
    taken.add(index);
    colours.set(id, PRESENCE_COLOURS[index]);
  }
  return colours;
}

const words = (name: string) => name.trim().split(/\s+/).filter(Boolean);

/**
 * Initials per name, as short as they can be while no two differ only by name: "Oolite admin" and
 * "Oolite staff" are OA and OS; "Ana Lima" and "Ana Lopes" are ALi and ALo.
 */
export function distinctInitials(names: string[]): Map<string, string> {
  const unique = [...new Set(names)];
  // One letter per word, then more letters of the last word while two people would look alike.
  const initialsOf = (name: string, extra: number) => {
    const parts = words(name);
    if (parts.length === 0) return '?';
    const last = parts[parts.length - 1];
    const heads = parts.map((w) => w[0].toUpperCase()).join('');
    return heads + last.slice(1, 1 + extra).toLowerCase();
  };
  const result = new Map<string, string>();
  for (const name of unique) {
    let extra = 0;
    let initials = initialsOf(name, extra);
    const others = unique.filter((other) => other !== name);
    while (others.some((other) => initialsOf(other, extra) === initials) && extra < name.length) {
      extra++;
      initials = initialsOf(name, extra);
    }
    result.set(name, initials);
  }
  return result;
}
