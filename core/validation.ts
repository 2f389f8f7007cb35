import { z } from 'zod';
import { AppError, type FieldErrors } from './errors';

// A missing field reads "is required" everywhere (forms and API) instead of zod's type message.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/** A field's own message for a wrong value, while a missing one still reads "is required". */
export function requiredOr(message: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) };
}

/** Turns zod issues into `{ field: [messages] }`, the shape every 4xx body and form uses. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    fields[key] = [...(fields[key] ?? []), message];
  }
  return fields;
}

export function validationFailure(error: z.ZodError): AppError {
  const fields = fieldErrors(error);
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field === '_' ? 'body' : field}: ${messages.join('; ')}`)
    .join(', ');
  return new AppError('validation', `Invalid input — ${summary}`, { fields });
}

/** Parses or throws an AppError naming every wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailure(result.error);
  return result.data;
}

// Text that cannot be stored or shown faithfully: NUL (PostgreSQL refuses it) and halves of a
// surrogate pair (not Unicode at all). Single-line fields also refuse every other control character,
// so a CR, LF or escape cannot split a header, an ICS line or a CSV row.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Why a string is not acceptable text, or undefined when it is. */
export function textProblem(value: string, options: { multiLine?: boolean } = {}): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it has a lone surrogate)';
  const control = (options.multiLine ? CONTROL_IN_TEXT : CONTROL_IN_LINE).exec(value);
  if (!control) return undefined;
  const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return options.multiLine
    ? `must not contain control characters other than tab and line breaks (found ${code})`
    : `must be a single line without control characters (found ${code})`;
}

const refineText = (multiLine: boolean) => (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = textProblem(value, { multiLine });
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
};

/** A single-line string field (names, titles, emails): no control characters, valid Unicode. */
export function line(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).superRefine(refineText(false));
}

/** A multi-line string field (descriptions, notes): tab and line breaks allowed, other controls not. */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).superRefine(refineText(true));
}

/** Where in a JSON value a string is not acceptable text (multi-line rules), with the message. */
function findBadText(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; message: string } | undefined {
  if (typeof value === 'string') {
    const message = textProblem(value, { multiLine: true });
    return message ? { path, message } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findBadText(item, [...path, index]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: [...path, key], message: `its name ${keyProblem}` };
      const found = findBadText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Free-form JSON (metadata): any shape, but every key and string inside must be storable text. */
export function jsonRecord() {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const found = findBadText(value);
    if (found) ctx.addIssue({ code: 'custom', message: found.message, path: found.path, input: value });
  });
}
