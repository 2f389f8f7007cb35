/**
 * The one error class of the domain. Operations throw it with a closed set of codes;
 * only the edge (HTTP, CLI) maps a code to a status or a message.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'invalid_state'
  | 'outside_availability'
  | 'payload_too_large'
  | 'rate_limited'
  | 'database_unavailable'
  | 'unavailable';

export interface FieldErrors {
  [field: string]: string[];
}

export interface ConflictingBooking {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly conflicts?: ConflictingBooking[];

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldErrors; conflicts?: ConflictingBooking[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = extra.fields;
    this.conflicts = extra.conflicts;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
