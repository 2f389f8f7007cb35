import { describe, expect, it } from 'vitest';
import { formatMailbox, headerText, mailboxAddress } from './mail-header';

describe('header values', () => {
  it('keeps a subject on one line, so nothing can add a header', () => {
    expect(headerText('Approved: Línea A\r\nBcc: mallory@example.org')).toBe(
      'Approved: Línea A Bcc: mallory@example.org',
    );
    expect(headerText('a\rb\nc\u0000d\te')).toBe('a b c d e');
  });

  it('quotes a display name with a comma or a quote rather than stripping it (RFC 5322)', () => {
    expect(formatMailbox('Oolite Arts', 'a@b.org')).toBe('Oolite Arts <a@b.org>');
    expect(formatMailbox('Oolite Arts, Inc.', 'a@b.org')).toBe('"Oolite Arts, Inc." <a@b.org>');
    expect(formatMailbox('The "Print" Shop \\ Miami', 'a@b.org')).toBe('"The \\"Print\\" Shop \\\\ Miami" <a@b.org>');
    expect(formatMailbox('Bad\r\nBcc: x@y.org', 'a@b.org')).toBe('"Bad Bcc: x@y.org" <a@b.org>');
    expect(formatMailbox('', 'a@b.org')).toBe('a@b.org');
  });

  it('reads the address out of EMAIL_FROM', () => {
    expect(mailboxAddress('Oolite <no-reply@oolite.example>')).toBe('no-reply@oolite.example');
    expect(mailboxAddress(' no-reply@oolite.example ')).toBe('no-reply@oolite.example');
  });
});
