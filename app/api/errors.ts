import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type AppError, isAppError, type ErrorCode } from '../../core/errors';
import { validationFailure } from '../../core/validation';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from '../../db/pg-errors';
import { HTTP_STATUS } from '../http-status';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = HTTP_STATUS;

const HTTP_ERRORS: Partial<Record<number, { code: string; message?: string }>> = {
  400: { code: 'bad_request' },
  415: { code: 'unsupported_media_type', message: 'Send the body as JSON, with Content-Type: application/json' },
};

export function errorResponse(c: Context, error: AppError): Response {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.fields) body.fields = error.fields;
  if (error.conflicts) body.conflicts = error.conflicts;
  if (error.code === 'database_unavailable') c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  return c.json({ error: body }, STATUS[error.code]);
}

/** The validation hook of every route: zod issues become a 422 that names each wrong field. */
export function validationHook(result: { success: boolean; error?: unknown }, c: Context): Response | undefined {
  if (result.success) return undefined;
  return errorResponse(c, validationFailure(result.error as z.ZodError));
}

/** The one place an error becomes HTTP. Unknown errors are logged and answered without detail. */
export function handleError(error: Error, c: Context, log: (error: unknown) => void): Response {
  if (isAppError(error)) return errorResponse(c, error);
  if (isDatabaseUnavailable(error)) return errorResponse(c, databaseUnavailable(error));
  if (error instanceof HTTPException) {
    // Hono's JSON validator says "Malformed JSON in request body" for unparseable bodies.
    const status = error.status as ContentfulStatusCode;
    const known = HTTP_ERRORS[status];
    const message = known?.message ?? (error.message || 'Bad request');
    return c.json({ error: { code: known?.code ?? 'http_error', message, fields: { body: [message] } } }, status);
  }
  log(error);
  return c.json({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } }, 500);
}
