import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsPostgres, recordSkippedSuite } from '../support/database';
import { databaseUrl, withAdminClient } from '../support/postgres';
import {
  assertBuilt,
  freePort,
  runProcess,
  startProcess,
  temporaryDirectory,
  type RunningProcess,
} from '../support/processes';

/** The last release: its own code creates and fills the database that this release then upgrades. */
const PREVIOUS_RELEASE = 'ec4fb151186577ecfe021df318169c213728b009';

function previousReleaseAvailable(): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${PREVIOUS_RELEASE}^{commit}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const SUITE = 'tests/integration/upgrade.test.ts (the previous release upgraded in place)';
/** A clone without history (shallow, or a tarball) cannot check the previous release out: listed as not run. */
function needsPreviousRelease(): boolean {
  if (previousReleaseAvailable()) return false;
  recordSkippedSuite(SUITE, `needs the git history that holds the previous release ${PREVIOUS_RELEASE}`);
  return true;
}
const skip = needsPostgres(SUITE) || needsPreviousRelease();

describe.skipIf(skip)('upgrading a database made by the previous release', () => {
  const name = `infra24_upgrade_${randomBytes(6).toString('hex')}`;
  const url = databaseUrl(name);
  const oldTree = temporaryDirectory('infra24-previous-');
  let server: RunningProcess;
  let baseUrl: string;
  let before: Record<string, number>;

  async function counts(): Promise<Record<string, number>> {
    const client = new (await import('pg')).default.Client({ connectionString: url });
    await client.connect();
    try {
      const result: Record<string, number> = {};
      for (const table of ['organizations', 'users', 'resources', 'bookings', 'workshops', 'workshop_sessions']) {
        result[table] = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
      }
      return result;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    assertBuilt();
    execFileSync('sh', ['-c', `git archive ${PREVIOUS_RELEASE} | tar -x -C "${oldTree}"`]);
    fs.symlinkSync(path.resolve('node_modules'), path.join(oldTree, 'node_modules'));
    await withAdminClient((client) => client.query(`create database ${name}`));

    for (const command of [
      ['db', 'migrate'],
      ['db', 'seed'],
    ]) {
      const run = await runProcess(path.join(oldTree, 'cli.ts'), command, { DATABASE_URL: url });
      expect(run.code, `${command.join(' ')} of the previous release:\n${run.stdout}${run.stderr}`).toBe(0);
    }
    before = await counts();

    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = startProcess('server.ts', ['all'], {
      DATABASE_URL: url,
      DEMO: '1',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
    });
    await server.waitFor(/API reference/, 90_000);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).catch(
      () => undefined,
    );
    fs.rmSync(oldTree, { recursive: true, force: true });
  });

  it('keeps every row the previous release wrote', async () => {
    expect(before.organizations).toBe(3);
    expect(before.workshops).toBeGreaterThan(0);
    expect(await counts()).toMatchObject({
      organizations: before.organizations,
      users: before.users,
      resources: before.resources,
      workshops: before.workshops,
      workshop_sessions: before.workshop_sessions,
    });
  });

  it('runs the smoke journey on the upgraded database: pages, a booking, a registration', async () => {
    const home = await fetch(`${baseUrl}/oolite`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Ceramics Kiln');

    const key = server.output().match(new RegExp(`${baseUrl}/oolite\\s+(i24_\\S+)`))![1];
    const api = `${baseUrl}/api/v1/orgs/oolite`;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const { resources } = await (await fetch(`${api}/resources`, { headers })).json();
    const room = resources.find((r: { type: string }) => r.type === 'space');
    const booking = await fetch(`${api}/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        resourceId: room.id,
        title: 'After the upgrade',
        startsAt: '2031-03-04T15:00:00Z',
        endsAt: '2031-03-04T16:00:00Z',
        availabilityOverrideReason: 'upgrade smoke test',
      }),
    });
    expect(booking.status, await booking.clone().text()).toBe(201);

    const { workshops } = await (await fetch(`${api}/workshops`)).json();
    const session = workshops
      .flatMap((w: { sessions: { id: string; seatsLeft: number }[] }) => w.sessions)
      .find((s: { seatsLeft: number }) => s.seatsLeft > 0);
    const registration = await fetch(`${api}/sessions/${session.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Upgrade Smoke', email: 'upgrade-smoke@example.org' }),
    });
    expect(registration.status, await registration.clone().text()).toBe(201);
    expect((await registration.json()).status).toBe('registered');
    expect((await counts()).bookings).toBe(before.bookings + 1);
  });
});
