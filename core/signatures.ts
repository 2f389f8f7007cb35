import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Signatures of webhooks, ours and theirs. Compares are constant-time; every check is on the raw body. */

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/** Two shared secrets (tokens, keys) compared in constant time, whatever their lengths: both are hashed to one size first. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function equalHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `t=<unix>,v1=<hex>`, the scheme shared by our outbound webhooks and Calendly's. */
export function parseTimestampedSignature(header: string | undefined | null): { t: number; v1: string[] } | undefined {
  if (!header) return undefined;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) t = Number(value);
    if (key === 'v1' && value) v1.push(value.toLowerCase());
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'stale' };

/** Signs an outbound body: `X-Infra24-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signTimestamped(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacSha256Hex(secret, `${t}.${rawBody}`)}`;
}

/** Verifies a `t=…,v1=…` signature over "t.body", refusing timestamps more than `toleranceSeconds` away from now. */
export function verifyTimestamped(
  secret: string,
  rawBody: string,
  header: string | undefined | null,
  now: Date,
  toleranceSeconds = 300,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseTimestampedSignature(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const expected = hmacSha256Hex(secret, `${parsed.t}.${rawBody}`);
  if (!parsed.v1.some((candidate) => equalHex(candidate, expected))) return { ok: false, reason: 'mismatch' };
  if (Math.abs(now.getTime() / 1000 - parsed.t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true };
}

/** Cal.com: `X-Cal-Signature-256` is the lowercase hex HMAC-SHA256 of the raw body. */
export function verifyCalcom(secret: string, rawBody: string, header: string | undefined | null): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  // Cal.com sends this literal when the webhook has no secret: it proves nothing.
  if (header === 'no-secret-provided') return { ok: false, reason: 'missing' };
  if (!/^[0-9a-fA-F]{64}$/.test(header)) return { ok: false, reason: 'malformed' };
  return equalHex(header.toLowerCase(), hmacSha256Hex(secret, rawBody))
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
