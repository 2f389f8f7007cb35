import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../db/operations/accounts/api-keys';
import { openPglite } from '../../db/client';
import { runProcess, startProcess, temporaryDirectory } from '../support/processes';

const dataDir = temporaryDirectory('infra24-cli-');
const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
const cli = (...args: string[]) => runProcess('cli.ts', args, env);

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the CLI on the embedded database', () => {
  it('creates an organization and an API key whose last output line is the key', async () => {
    const created = await cli(
      'org',
      'create',
      '--slug',
      'wynwood',
      '--name',
      'Wynwood Studios',
      '--time-zone',
      'America/New_York',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created organization "Wynwood Studios" (wynwood, America/New_York)');

    const key = await cli('api-key', 'create', '--org', 'wynwood', '--role', 'staff', '--name', 'booking kiosk');
    expect(key.code, key.stderr).toBe(0);
    const lastLine = key.stdout.trim().split('\n').at(-1)!;
    expect(lastLine).toMatch(/^i24_[A-Za-z0-9_-]{43}$/);

    const handle = await openPglite(`${dataDir}/pglite`);
    try {
      const authenticated = await authenticateApiKey(handle.db, lastLine);
      expect([authenticated?.org.slug, authenticated?.apiKey.role, authenticated?.apiKey.name]).toEqual([
        'wynwood',
        'staff',
        'booking kiosk',
      ]);
    } finally {
      await handle.close();
    }
  });

  it('explains bad input and exits non-zero, writing nothing', async () => {
    const reserved = await cli('org', 'create', '--slug', 'api', '--name', 'API');
    expect([reserved.code, reserved.stderr.trim()]).toEqual([1, 'Invalid input — slug: is a reserved word']);
    const zone = await cli('org', 'create', '--slug', 'mars', '--name', 'Mars', '--time-zone', 'Mars/Olympus');
    expect(zone.stderr).toContain('timeZone: is not an IANA time zone');
    const missing = await cli('api-key', 'create', '--org', 'nowhere');
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'No organization with slug "nowhere"']);
    const role = await cli('api-key', 'create', '--org', 'wynwood', '--role', 'resident');
    expect([role.code, role.stderr]).toEqual([2, expect.stringContaining('--role must be admin or staff')]);
    const list = await cli('org', 'list');
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(['wynwood']);
  });

  it('says plainly that a running server holds the embedded database', async () => {
    const server = startProcess('server.ts', ['worker'], { ...env, PORT: '0', DEMO: '0' });
    try {
      await server.waitFor(/Infra24 is running/);
      const attempt = await cli('org', 'list');
      expect(attempt.code).toBe(1);
      expect(attempt.stderr).toContain(`The embedded database in ${dataDir} is in use by the Infra24 server (worker)`);
      expect(attempt.stderr).toContain('DATABASE_URL');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect((await cli('org', 'list')).code).toBe(0);
  });
});
