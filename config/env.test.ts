import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env';

describe('configuration from the environment', () => {
  it('defaults to the embedded database in demo mode on port 3000', () => {
    const config = parseConfig({});
    expect([config.PORT, config.DATABASE_URL, config.demoMode, config.publicUrl]).toEqual([
      3000,
      undefined,
      true,
      'http://localhost:3000',
    ]);
  });

  it('never seeds demo data into PostgreSQL unless DEMO=1', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://db/infra24' }).demoMode).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://db/infra24', DEMO: '1' }).demoMode).toBe(true);
    expect(parseConfig({ DEMO: '0' }).demoMode).toBe(false);
  });

  it('takes an smtp:// or smtps:// SMTP_URL, and names it when it is anything else', () => {
    expect(parseConfig({ SMTP_URL: 'smtps://resend:re_key@smtp.resend.com:465' }).SMTP_URL).toBe(
      'smtps://resend:re_key@smtp.resend.com:465',
    );
    expect(parseConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(() => parseConfig({ SMTP_URL: 'https://smtp.resend.com' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it('reads COOKIE_SECRET as secrets to rotate, each of 32 characters, and never as an empty list', () => {
    const [first, second] = ['a'.repeat(32), 'b'.repeat(40)];
    expect(parseConfig({ COOKIE_SECRET: `${first}, ${second}` }).COOKIE_SECRET).toEqual([first, second]);
    expect(parseConfig({ COOKIE_SECRET: ',,,' }).COOKIE_SECRET).toBeUndefined();
    expect(parseConfig({ COOKIE_SECRET: '' }).COOKIE_SECRET).toBeUndefined();
    expect(() => parseConfig({ COOKIE_SECRET: `${first},short` })).toThrow(/COOKIE_SECRET.*32 characters/);
  });

  it('stops with a message naming every bad variable', () => {
    const attempt = () => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT:[\s\S]*DATABASE_URL: must be a postgres:\/\/[\s\S]*LOG_LEVEL:/);
  });

  it('asks a web process apart from collab for the collab address and the shared token, and the collab process for the token', () => {
    const token = 'x'.repeat(32);
    expect(() => parseConfig({}, ['web'])).toThrow(/COLLAB_URL: required[\s\S]*COLLAB_SERVICE_TOKEN: required/);
    expect(() => parseConfig({}, ['collab'])).toThrow(/COLLAB_SERVICE_TOKEN: required/);
    expect(() =>
      parseConfig({ COLLAB_URL: 'https://collab.internal/collab', COLLAB_SERVICE_TOKEN: token }, ['web']),
    ).toThrow(/COLLAB_URL: must be a ws:\/\/ or wss:\/\/ URL/);
    expect(() => parseConfig({ COLLAB_PUBLIC_URL: 'collab.example.org' }, ['web', 'collab'])).toThrow(
      /COLLAB_PUBLIC_URL:/,
    );
    const web = parseConfig(
      {
        COLLAB_URL: 'ws://collab.internal:3001/collab',
        COLLAB_SERVICE_TOKEN: token,
        COLLAB_PUBLIC_URL: 'wss://collab.example.org/collab',
      },
      ['web'],
    );
    expect([web.COLLAB_URL, web.COLLAB_PUBLIC_URL, web.COLLAB_TIMEOUT_MS]).toEqual([
      'ws://collab.internal:3001/collab',
      'wss://collab.example.org/collab',
      5000,
    ]);
    // Together in one process, nothing is needed; the worker alone needs neither.
    expect(parseConfig({ COLLAB_URL: '' }).COLLAB_URL).toBeUndefined();
    expect(() => parseConfig({}, ['worker'])).not.toThrow();
  });

  it('reads REDIS_URL (empty counts as unset) and a key prefix for this deployment', () => {
    expect([parseConfig({}).REDIS_URL, parseConfig({ REDIS_URL: '' }).REDIS_URL, parseConfig({}).REDIS_PREFIX]).toEqual(
      [undefined, undefined, 'infra24'],
    );
    const config = parseConfig({ REDIS_URL: 'rediss://:secret@cache.internal:6380/2', REDIS_PREFIX: 'oolite-prod' });
    expect([config.REDIS_URL, config.REDIS_PREFIX]).toEqual(['rediss://:secret@cache.internal:6380/2', 'oolite-prod']);
    expect(() => parseConfig({ REDIS_URL: 'cache.internal:6379', REDIS_PREFIX: 'two words' })).toThrow(
      /REDIS_URL: must be a redis:\/\/[\s\S]*REDIS_PREFIX:/,
    );
  });
});
