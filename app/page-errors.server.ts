import { isAppError } from '../core/errors';
import { HTTP_STATUS } from './http-status';

/**
 * For page actions: a domain error becomes the status its code means — an id of another
 * organization is `not_found`, so 404 — instead of escaping to Remix as a 500. Anything else is
 * thrown on unchanged.
 */
export function throwAsPageResponse(error: unknown): never {
  if (isAppError(error)) throw new Response(error.message, { status: HTTP_STATUS[error.code] });
  throw error;
}
