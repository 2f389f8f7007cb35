import { AppError } from './errors';

/** The header a client sends so that a retry of the same request is answered without doing the work again. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How long a key is remembered; after that the same key starts a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The header's value, checked: 1–255 visible ASCII characters (a UUID is the usual choice). Absent: undefined. */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!KEY_PATTERN.test(value)) {
    throw new AppError(
      'validation',
      `${IDEMPOTENCY_HEADER}: must be 1 to 255 visible ASCII characters, such as a UUID`,
      {
        fields: { [IDEMPOTENCY_HEADER]: ['must be 1 to 255 visible ASCII characters'] },
      },
    );
  }
  return value;
}

/** JSON with object keys sorted, so two bodies that mean the same have the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
