import { AppError } from '../core/errors';

/** Drizzle wraps driver errors (DrizzleQueryError): the SQLSTATE sits on the error or its cause. */
export interface PgErrorInfo {
  code: string;
  constraint?: string;
}

export function pgErrorInfo(error: unknown): PgErrorInfo | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
/** The transaction PostgreSQL rolled back to break a deadlock; nothing of it was written. */
export const DEADLOCK_DETECTED = '40P01';

/** Seconds a client is asked to wait (Retry-After) when the database is unreachable or too slow. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that say "the database could not serve this now", not "this request is wrong": connection
 * exceptions (class 08), a terminated backend (57P01–57P03), a statement or lock timeout, too many connections.
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57014', '55P03', '53300', '25P03']);
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** node-postgres reports a lost or never-made connection with a plain Error and one of these messages. */
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Query read timeout|Connection ended/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') {
      if (UNAVAILABLE_CODES.has(candidate.code) || candidate.code.startsWith('08')) return true;
      if (CONNECTION_ERRNOS.has(candidate.code)) return true;
    }
    if (typeof candidate.message === 'string' && CONNECTION_MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

/** The one error every edge answers with 503 and Retry-After when the database is unreachable or too slow. */
export function databaseUnavailable(cause?: unknown): AppError {
  const error = new AppError(
    'database_unavailable',
    'The database is unavailable or too slow right now; please try again in a few seconds',
  );
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}

/** A database-unavailable failure becomes the AppError; anything else is returned as it was. */
export function asAppErrorIfUnavailable(error: unknown): unknown {
  return isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
}
