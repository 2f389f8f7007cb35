import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, signTimestamped, verifyCalcom, verifyTimestamped } from './signatures';

const SECRET = 'whsec_test_secret';
const BODY = '{"id":"0b7c…","topic":"booking.confirmed","data":{}}';
const AT = new Date('2030-01-07T15:00:00Z');

describe('outbound signature X-Infra24-Signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">, and verifies', () => {
    const header = signTimestamped(SECRET, BODY, AT);
    const t = AT.getTime() / 1000;
    expect(header).toBe(`t=${t},v1=${hmacSha256Hex(SECRET, `${t}.${BODY}`)}`);
    expect(verifyTimestamped(SECRET, BODY, header, AT)).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a changed body, a missing or malformed header and a stale timestamp', () => {
    const header = signTimestamped(SECRET, BODY, AT);
    expect(verifyTimestamped('other', BODY, header, AT)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyTimestamped(SECRET, `${BODY} `, header, AT)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyTimestamped(SECRET, BODY, undefined, AT)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyTimestamped(SECRET, BODY, 'v1=abc', AT)).toEqual({ ok: false, reason: 'malformed' });
    const sixMinutesLater = new Date(AT.getTime() + 6 * 60_000);
    expect(verifyTimestamped(SECRET, BODY, header, sixMinutesLater)).toEqual({ ok: false, reason: 'stale' });
    // A replay inside the window verifies: receivers deduplicate by the event id, which never changes.
    expect(verifyTimestamped(SECRET, BODY, header, new Date(AT.getTime() + 60_000))).toEqual({ ok: true });
  });
});

describe('Cal.com X-Cal-Signature-256', () => {
  it('accepts the lowercase hex HMAC of the raw body and refuses the rest', () => {
    const good = hmacSha256Hex(SECRET, BODY);
    expect(verifyCalcom(SECRET, BODY, good)).toEqual({ ok: true });
    expect(verifyCalcom(SECRET, BODY, hmacSha256Hex('other', BODY))).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCalcom(SECRET, BODY, 'no-secret-provided')).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCalcom(SECRET, BODY, undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCalcom(SECRET, BODY, 'zz')).toEqual({ ok: false, reason: 'malformed' });
  });
});
