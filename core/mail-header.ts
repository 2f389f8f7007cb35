/**
 * Header values people write (a subject, an organization's name): one line, so nothing can add a
 * header of its own (`…\r\nBcc: …`), and a display name quoted per RFC 5322 rather than stripped.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL_RUN = /[\u0000-\u001f\u007f]+/g;

/** One header line: line breaks and other controls become a single space. */
export function headerText(value: string): string {
  return value.replace(CONTROL_RUN, ' ').replace(/ {2,}/g, ' ').trim();
}

/** RFC 5322 atext and spaces: a phrase that needs no quotes. */
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/;

/** `Name <address>`, the name quoted (with `\"` and `\\`) when it holds a comma, a quote or anything not atext. */
export function formatMailbox(name: string, address: string): string {
  const phrase = headerText(name);
  if (!phrase) return address;
  const display = PLAIN_PHRASE.test(phrase) ? phrase : `"${phrase.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return `${display} <${address}>`;
}

/** The address inside `Name <address>`, or the whole value when it is a bare address. */
export function mailboxAddress(value: string): string {
  return /<([^>]+)>/.exec(value)?.[1] ?? value.trim();
}
