import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration from the environment', () => {
  it('defaults to the embedded database in demo mode on port 3000', () => {
    const config = parseConfig({});
    expect([config.PORT, config.DATABASE_URL, config.demoMode, config.publicUrl]).toEqual([3000, undefined, true, 'http://localhost:3000']);
  });

  it('never seeds demo data into PostgreSQL unless DEMO=1', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://db/infra24' }).demoMode).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://db/infra24', DEMO: '1' }).demoMode).toBe(true);
    expect(parseConfig({ DEMO: '0' }).demoMode).toBe(false);
  });

  it('stops with a message naming every bad variable', () => {
    const attempt = () => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT:[\s\S]*DATABASE_URL: must be a postgres:\/\/[\s\S]*LOG_LEVEL:/);
  });
});
