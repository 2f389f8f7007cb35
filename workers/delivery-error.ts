/** A failed delivery the relay should retry; `retryAfterMs` is the receiver's own Retry-After, if it gave one. */
export class DeliveryError extends Error {
  readonly retryAfterMs?: number;
  /** Nothing was tried (a busy endpoint): the row is put off without counting an attempt. */
  readonly notAttempted: boolean;

  constructor(message: string, options: { retryAfterMs?: number; cause?: unknown; notAttempted?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs;
    this.notAttempted = options.notAttempted ?? false;
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
