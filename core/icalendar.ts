/**
 * RFC 5545 content lines, written here rather than by `ics`: that library quotes parameters with
 * `\"`, folds by characters instead of octets and passes a lone CR through (ADR 030).
 */

/** Every control character but TAB; CR and LF are handled before this applies. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;
const LINE_BREAK = /\r\n|\r|\n/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a name is one line of plain words
const ANY_CONTROL = /[\u0000-\u001f\u007f]+/g;
const FOLD_OCTETS = 75;

/** TEXT (RFC 5545 §3.3.11), the one rule for every text value: line breaks kept as `\n`, controls removed. */
export function escapeText(value: string): string {
  return value
    .replace(LINE_BREAK, '\n')
    .split('\n')
    .map((line) => line.replace(CONTROL, '').replace(/[\\;,]/g, (c) => `\\${c}`))
    .join('\\n');
}

/** TEXT that is one line by nature (a title, a place, a calendar's name): line breaks become spaces. */
export function escapeLine(value: string): string {
  return escapeText(value.replace(LINE_BREAK, ' '));
}

/**
 * A parameter value (a CN), always quoted. RFC 6868's `^'` and `^n` are not understood by every
 * parser (node-ical and Python's icalendar keep them literally, node-ical also cuts at `;`), so a
 * value is reduced to what every parser reads the same: `"` becomes `'`, `;` becomes `,`, line breaks
 * and controls a space, and a `^` that RFC 6868 would read as an escape becomes `ˆ`.
 */
export function paramValue(value: string): string {
  const reduced = value
    .replace(ANY_CONTROL, ' ')
    .replace(/"/g, "'")
    .replace(/;/g, ',')
    .replace(/\^(?=[n'^])/g, 'ˆ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return `"${reduced}"`;
}

/** A single-line value that is not TEXT (a UID, a URI): nothing that could end the line survives. */
export function singleLine(value: string): string {
  return value.replace(LINE_BREAK, '').replace(CONTROL, '');
}

const utf8Octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Splits a content line into lines of at most 75 octets, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0) ?? 0);
    // Continuation lines start with a space, which counts toward their 75 octets.
    const limit = parts.length === 0 ? FOLD_OCTETS : FOLD_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export type Params = Record<string, string | undefined>;

/** One property: `NAME;PARAM=value:value`, folded. `value` must already be escaped for its type. */
export function contentLine(name: string, value: string, params: Params = {}): string {
  const rendered = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, param]) => `;${key}=${param}`)
    .join('');
  return foldLine(`${name}${rendered}:${value}`);
}

/** UTC DATE-TIME form: 20301107T150000Z. */
export function utcDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface Person {
  name: string;
  email?: string;
}

/** ORGANIZER or ATTENDEE: the name as CN, the address as a mailto URI. */
export function personLine(property: 'ORGANIZER' | 'ATTENDEE', person: Person, params: Params = {}): string | null {
  if (!person.email) return null;
  return contentLine(property, `mailto:${singleLine(person.email)}`, { CN: paramValue(person.name), ...params });
}

/** Joins lines into a calendar body: CRLF after every line, as §3.1 requires. */
export function calendarText(lines: Array<string | null | undefined | false>): string {
  return `${lines.filter((line): line is string => typeof line === 'string').join('\r\n')}\r\n`;
}
