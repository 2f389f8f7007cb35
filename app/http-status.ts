import type { ErrorCode } from '../core/errors';

/** The HTTP status each domain error answers with, in the JSON API and on the pages alike. */
export const HTTP_STATUS = {
  validation: 422,
  outside_availability: 422,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  forbidden: 403,
  unauthorized: 401,
  payload_too_large: 413,
  rate_limited: 429,
  database_unavailable: 503,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;
