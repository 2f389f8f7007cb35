import { data } from '@remix-run/node';
import { type AppError, type ErrorCode, isAppError } from '../core/errors';
import { HTTP_STATUS } from './http-status';

/**
 * For page loaders: a domain error becomes the status its code means — an id of another
 * organization is `not_found`, so 404 — instead of escaping to Remix as a 500. Anything else is
 * thrown on unchanged.
 */
export function throwAsPageResponse(error: unknown): never {
  if (isAppError(error)) throw new Response(error.message, { status: HTTP_STATUS[error.code] });
  throw error;
}

/**
 * A page's own reading of some codes: a resident's pages call someone else's registration 403.
 * (A secret link that does not work is not a refusal to show beside a form: app/secret-links.server.ts.)
 */
type StatusOverride = number | Partial<Record<ErrorCode, number>>;

/**
 * For page actions: a domain error becomes what the page shows beside the form, at the status its
 * code means unless the page overrides it. Anything else is thrown on, to the route's error boundary.
 */
export function answerDomainError<Body>(error: unknown, body: (error: AppError) => Body, override?: StatusOverride) {
  if (!isAppError(error)) throw error;
  const status = typeof override === 'number' ? override : (override?.[error.code] ?? HTTP_STATUS[error.code]);
  return data(body(error), { status });
}

/** What a Conform form shows for a refusal: beside the fields it names, else above the form. */
export function refusalReply<Reply>(
  submission: { reply: (options: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => Reply },
  refusal: AppError,
): Reply {
  return submission.reply(refusal.fields ? { fieldErrors: refusal.fields } : { formErrors: [refusal.message] });
}
