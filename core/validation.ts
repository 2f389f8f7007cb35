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
